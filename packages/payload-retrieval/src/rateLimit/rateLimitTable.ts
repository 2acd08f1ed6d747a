import { integer, pgTable, primaryKey, timestamp, varchar } from '@payloadcms/db-postgres/drizzle/pg-core'

export const rateLimitTableName = 'rate_limits'

/** Request counts per key and fixed time window, shared by every app instance through the database. */
export const rateLimitTable = pgTable(
  rateLimitTableName,
  {
    key: varchar('key').notNull(),
    windowStart: timestamp('window_start', { precision: 3, withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] })],
)
