import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { PgDatabase } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

/**
 * The plugin's one way into the database. Everything it reads and writes in SQL goes through the
 * functions here, on the Drizzle instance of Payload's postgres adapter; table names come from the
 * plugin's own table objects (`chunkTable.ts`, `rateLimitTable.ts`) or the adapter's.
 */

// The adapter's Drizzle instance, whatever schema it was built with.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Database = PgDatabase<any, any, any>

type Transactional = { transactionID?: number | Promise<number | string> | string }

/**
 * Payload's postgres adapter. `payload.db` is typed as any adapter; the plugin refuses to start on
 * another (see requirePostgres), so this is the one place that says which it is.
 */
export const adapterOf = (payload: Payload): PostgresAdapter => payload.db as unknown as PostgresAdapter

/**
 * The primary database. With read replicas, Payload's drizzle sends builder reads (`select`) to a
 * replica; the index is read and written together, so all of retrieval stays on the primary.
 */
export const databaseOf = (payload: Payload): Database => {
  const drizzle = adapterOf(payload).drizzle as Database & { $primary?: Database }
  return drizzle.$primary ?? drizzle
}

/**
 * The request's transaction when it has one, else the primary. On the embedded database every
 * connection shares one session, so a statement beside an open transaction waits for it: work done
 * for a request inside its transaction (Payload's forgot-password hooks run in one) must run in it.
 */
export async function requestDatabase(payload: Payload, req?: Transactional): Promise<Database> {
  const id = req?.transactionID ? await req.transactionID : undefined
  return (
    (id !== undefined && (adapterOf(payload).sessions?.[String(id)]?.db as Database | undefined)) || databaseOf(payload)
  )
}

/** A text search configuration's name as an SQL literal (`'english'::regconfig`). */
export const regconfig = (language: string) => sql.raw(`'${language.replace(/'/g, "''")}'::regconfig`)

/** Runs raw SQL and returns its rows (node-postgres result shape), typed by the caller. */
export async function queryRows<T>(
  db: Pick<Database, 'execute'>,
  query: Parameters<Database['execute']>[0],
): Promise<T[]> {
  // node-postgres answers `{ rows }`; Drizzle types the result by the driver it cannot know here.
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

/**
 * The Drizzle table of a collection (the adapter keys its tables by the slug in snake case, as
 * Payload's own queries look them up), for the few writes the plugin makes in bulk.
 */
export function collectionTable(payload: Payload, slug: string) {
  const adapter = adapterOf(payload)
  const key = slug
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase()
  const table = adapter.tables[adapter.tableNameMap.get(key) ?? key]
  if (!table) throw new Error(`The database has no table for the collection "${slug}"`)
  return table
}
