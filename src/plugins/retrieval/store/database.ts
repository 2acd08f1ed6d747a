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
