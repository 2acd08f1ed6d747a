import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'

import { desc, eq, max, or, sql } from '@payloadcms/db-postgres/drizzle'

import { databaseOf } from '../store/database'

/** A document as the index holds it: what a visitor can read of it, by its public address. */
export type IndexedPage = {
  collection: string
  /** Its sections' headings, innermost last segment of each path, in document order. */
  headings: string[]
  id: string
  kind: 'collection' | 'global'
  title: string
  url: string
}

export type FindIndexedPagesOptions = {
  /** At most this many documents, the most recently indexed first. @default 5 */
  limit?: number
  /** Only the document at this address (its chunks' URL, or that URL with a `#page=` part). */
  url?: string
}

const headingSeparator = ' › '

/**
 * Documents in the index, by address, in one statement. The index holds only what the anonymous
 * reader could read when the document was indexed, so a draft or a private field never shows up
 * here (the chat's suggested questions are made from these).
 */
export async function findIndexedPages(
  payload: Payload,
  context: Pick<RetrievalContext, 'table'>,
  { limit = 5, url }: FindIndexedPagesOptions = {},
): Promise<IndexedPage[]> {
  const table = context.table
  const address = sql<string>`split_part(${table.url}, '#', 1)`
  const rows = await databaseOf(payload)
    .select({
      collection: table.sourceSlug,
      headings: sql<string[]>`coalesce(array_agg(${table.heading} order by ${table.chunkIndex})
        filter (where ${table.heading} <> ''), '{}')`,
      id: table.sourceId,
      kind: table.sourceKind,
      title: sql<string>`min(${table.title})`,
      url: address,
    })
    .from(table)
    .where(url === undefined ? undefined : or(eq(table.url, url), sql`starts_with(${table.url}, ${`${url}#`})`))
    .groupBy(table.sourceKind, table.sourceSlug, table.sourceId, address)
    .orderBy(desc(max(table.updatedAt)))
    .limit(limit)
  return rows.map((row) => ({
    ...row,
    headings: [...new Set(row.headings.map((path) => path.split(headingSeparator).at(-1)!.trim()))].filter(Boolean),
    kind: row.kind === 'global' ? 'global' : 'collection',
  }))
}
