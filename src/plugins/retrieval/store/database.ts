import type { Payload } from 'payload'

import type { PgDatabase } from '@payloadcms/db-postgres/drizzle/pg-core'

// The postgres adapter exposes its Drizzle instance; the plugin works on it directly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Database = PgDatabase<any, any, any>

export const databaseOf = (payload: Payload): Database => (payload.db as unknown as { drizzle: Database }).drizzle
