import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PgDatabase } from '@payloadcms/db-postgres/drizzle/pg-core'

// The postgres adapter exposes its Drizzle instance; the plugin works on it directly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Database = PgDatabase<any, any, any>

/**
 * The primary database. With read replicas, Payload's drizzle sends builder reads (`select`) to a
 * replica; the index is read and written together, so all of retrieval stays on the primary.
 */
export const databaseOf = (payload: Payload): Database => {
  const drizzle = (payload.db as unknown as { drizzle: Database & { $primary?: Database } }).drizzle
  return drizzle.$primary ?? drizzle
}

/** A text search configuration's name as an SQL literal (`'english'::regconfig`). */
export const regconfig = (language: string) => sql.raw(`'${language.replace(/'/g, "''")}'::regconfig`)

/** Runs raw SQL and returns its rows (node-postgres result shape), typed by the caller. */
export async function queryRows<T>(db: Pick<Database, 'execute'>, query: Parameters<Database['execute']>[0]): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

/**
 * The Drizzle table of a collection (the adapter keys its tables by the slug in snake case, as
 * Payload's own queries look them up), for the few writes the plugin makes in bulk.
 */
export function collectionTable(payload: Payload, slug: string) {
  const adapter = payload.db as unknown as { tableNameMap: Map<string, string>; tables: Record<string, any> }
  const key = slug.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase()
  const table = adapter.tables[adapter.tableNameMap.get(key) ?? key]
  if (!table) throw new Error(`The database has no table for the collection "${slug}"`)
  return table
}
