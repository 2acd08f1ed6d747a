import { and, asc, eq } from '@payloadcms/db-postgres/drizzle'

import type { SourceRef } from '../types'
import type { ChunkTable } from './chunkTable'
import type { Database } from './database'

export type StoredChunk = {
  chunkIndex: number
  hash: string
  heading: string
  id: number
  model: string
  title: string
  url: null | string
}

/** The stored chunks of one document, without their vectors. */
export const readChunkMeta = (db: Database, table: ChunkTable, ref: SourceRef): Promise<StoredChunk[]> =>
  db
    .select({
      chunkIndex: table.chunkIndex,
      hash: table.hash,
      heading: table.heading,
      id: table.id,
      model: table.model,
      title: table.title,
      url: table.url,
    })
    .from(table)
    .where(and(eq(table.sourceSlug, ref.slug), eq(table.sourceId, ref.id)))
    .orderBy(asc(table.chunkIndex))
