import type { Payload } from 'payload'

import { adapterOf, databaseOf, queryRows as retrievalRows } from '@askfolio/payload-retrieval'
import { type SQL } from '@payloadcms/db-postgres/drizzle'

/**
 * The chat plugin's one way into the database, for the reports that Payload's Local API cannot
 * express (the insights' counts and groupings). Tables come from the adapter, so a configured
 * schema or table name is respected. The chat needs the retrieval plugin, which refuses to start
 * on any adapter but postgres, so it reads the adapter and runs its SQL through retrieval's gateway.
 */

/** A collection's Drizzle table, as the adapter built it (it keys tables by the slug in snake case). */
export function collectionTable(payload: Payload, slug: string): Record<string, unknown> {
  const adapter = adapterOf(payload)
  const name = adapter.tableNameMap?.get(slug.replace(/-/g, '_'))
  const table = name ? (adapter.tables?.[name] as Record<string, unknown> | undefined) : undefined
  if (!table) throw new Error(`The chat needs the PostgreSQL adapter's table for ${slug}.`)
  return table
}

/** Runs raw SQL on the primary and returns its rows, typed by the caller. */
export const queryRows = <T>(payload: Payload, query: SQL): Promise<T[]> => retrievalRows<T>(databaseOf(payload), query)
