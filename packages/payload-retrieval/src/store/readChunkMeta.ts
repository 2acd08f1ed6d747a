import type { SourceRef } from '../types'
import type { ChunkTable } from './chunkTable'
import type { Database } from './database'

import { asc, sql } from '@payloadcms/db-postgres/drizzle'

import { sourceKey } from '../context'

export type StoredChunk = {
  chunkIndex: number
  hash: string
  heading: string
  id: number
  model: string
  page: null | number
  title: string
  url: null | string
}

/** The stored chunks (without their vectors) of several documents in one query, by `sourceKey`; a document with none has an empty list. */
export async function readChunkMetas(
  db: Database,
  table: ChunkTable,
  refs: SourceRef[],
): Promise<Map<string, StoredChunk[]>> {
  const byDocument = new Map<string, StoredChunk[]>(refs.map((ref) => [sourceKey(ref), []]))
  if (refs.length === 0) return byDocument
  const rows = await db
    .select({
      chunkIndex: table.chunkIndex,
      hash: table.hash,
      heading: table.heading,
      id: table.id,
      model: table.model,
      page: table.page,
      sourceId: table.sourceId,
      sourceSlug: table.sourceSlug,
      title: table.title,
      url: table.url,
    })
    .from(table)
    .where(
      sql`(${table.sourceSlug}, ${table.sourceId}) in (select * from unnest(${sql.param(refs.map((ref) => ref.slug))}::text[], ${sql.param(refs.map((ref) => ref.id))}::text[]))`,
    )
    .orderBy(asc(table.sourceSlug), asc(table.sourceId), asc(table.chunkIndex))
  for (const { sourceId, sourceSlug, ...row } of rows)
    byDocument.get(sourceKey({ id: sourceId, slug: sourceSlug }))?.push(row)
  return byDocument
}

/** The stored chunks of one document, without their vectors. */
export const readChunkMeta = async (db: Database, table: ChunkTable, ref: SourceRef): Promise<StoredChunk[]> =>
  (await readChunkMetas(db, table, [ref])).get(sourceKey(ref)) ?? []
