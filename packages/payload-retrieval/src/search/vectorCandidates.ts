import type { ChunkTable } from '../store/chunkTable'
import type { Candidate } from './fullTextCandidates'

import { sql } from '@payloadcms/db-postgres/drizzle'
import pgvector from 'pgvector'

import { type Database, queryRows } from '../store/database'

export type VectorOptions = {
  collections?: string[]
  /** pgvector ≥ 0.8 can keep scanning the HNSW index until enough rows pass the filters. */
  iterativeScan: boolean
  limit: number
  model: string
  table: ChunkTable
}

/**
 * Nearest chunks by cosine distance through the HNSW index. The settings are made with SET LOCAL in a
 * transaction of their own: on the embedded database every connection shares one session, and a plain
 * SET would leak to all of them. With a collection filter, iterative index scans (where the server
 * has them) keep the filter from starving the result; without them the scan looks further instead.
 */
export async function vectorCandidates(db: Database, vector: number[], options: VectorOptions): Promise<Candidate[]> {
  const filter = options.collections?.length
    ? sql`and source_slug = any(${sql.param(options.collections)}::text[])`
    : sql``
  const efSearch = Math.min(
    1000,
    Math.max(100, options.limit * (options.collections?.length && !options.iterativeScan ? 4 : 1)),
  )
  const target = pgvector.toSql(vector)
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local hnsw.ef_search = ${efSearch}`))
    if (options.iterativeScan) await tx.execute(sql.raw(`set local hnsw.iterative_scan = relaxed_order`))
    const rows = await queryRows<{ distance: number; document: string; id: number }>(
      tx,
      sql`
      select id, source_slug || ':' || source_id as document, embedding <=> ${target}::vector as distance
      from ${options.table}
      where model = ${options.model} ${filter}
      order by embedding <=> ${target}::vector
      limit ${options.limit}`,
    )
    return rows.map((row) => ({ document: row.document, id: Number(row.id), score: 1 - Number(row.distance) }))
  })
}
