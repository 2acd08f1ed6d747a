import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { type SQL } from '@payloadcms/db-postgres/drizzle'

/**
 * The chat plugin's one way into the database, for the reports that Payload's Local API cannot
 * express (the insights' counts and groupings). Tables come from the adapter, so a configured
 * schema or table name is respected.
 */

/**
 * Payload's postgres adapter. `payload.db` is typed as any adapter; the chat needs the retrieval
 * plugin, which refuses to start on another, so this is the one place that says which it is.
 */
export const adapterOf = (payload: Payload): PostgresAdapter => payload.db as unknown as PostgresAdapter

/** A collection's Drizzle table, as the adapter built it (it keys tables by the slug in snake case). */
export function collectionTable(payload: Payload, slug: string): Record<string, unknown> {
  const adapter = adapterOf(payload)
  const name = adapter.tableNameMap?.get(slug.replace(/-/g, '_'))
  const table = name ? (adapter.tables?.[name] as Record<string, unknown> | undefined) : undefined
  if (!table) throw new Error(`The chat needs the PostgreSQL adapter's table for ${slug}.`)
  return table
}

/** Runs raw SQL and returns its rows (node-postgres result shape), typed by the caller. */
export async function queryRows<T>(payload: Payload, query: SQL): Promise<T[]> {
  // node-postgres answers `{ rows }`; Drizzle types the result by the driver it cannot know here.
  const result = (await adapterOf(payload).drizzle.execute(query)) as unknown as { rows: T[] }
  return result.rows
}
