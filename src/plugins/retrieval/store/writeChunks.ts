import { and, eq, inArray, sql } from '@payloadcms/db-postgres/drizzle'
import pgvector from 'pgvector'

import type { Chunk, SourceRef } from '../types'
import type { ChunkTable, PostingsTable } from './chunkTable'
import type { Database } from './database'

import { indexKey } from '../context'
import { regconfig } from './database'
import { planChunkChanges } from './planChunkChanges'
import { readChunkMeta } from './readChunkMeta'
import { updateTextStatistics } from './updateTextStatistics'
import { type FieldWeights, writePostings } from './writePostings'

export type ChunkWrite = {
  chunks: Chunk[]
  fieldWeights: FieldWeights
  language: string
  model: string
  ref: SourceRef
  title: string
  url: string
  /** Vectors of the chunks that were not stored yet, by content hash; none when no embedding model is configured. */
  vectors?: Map<string, number[]>
}

export type StoreTables = { chunks: ChunkTable; postings: PostingsTable }

export type WriteResult = { inserted: number; kept: number; removed: number } | { missing: Chunk[] }

/**
 * Makes the stored chunks of one document equal to `chunks`, in one transaction: stale rows go,
 * unchanged rows stay (renumbered if they moved), new rows come in with their vectors and postings,
 * and the BM25 statistics change by the difference. The plan is made again inside the transaction,
 * under a per-document lock, so two writers cannot both insert. If a chunk needs a vector that was
 * not computed, nothing is written and the chunk is returned.
 */
export async function writeChunks(db: Database, tables: StoreTables, write: ChunkWrite): Promise<WriteResult> {
  const { chunks, language, model, ref, title, url, vectors } = write
  const table = tables.chunks
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${indexKey(ref)}))`)
    const plan = planChunkChanges(chunks, await readChunkMeta(tx as Database, table, ref), model)
    const missing = vectors ? plan.insert.filter((chunk) => !vectors.has(chunk.hash)) : []
    if (missing.length > 0) return { missing }

    for (const { chunk, row } of plan.keep) {
      if (row.chunkIndex === chunk.index && row.title === title && row.url === url) continue
      await tx
        .update(table)
        .set({ chunkIndex: chunk.index, title, updatedAt: sql`now()`, url })
        .where(and(eq(table.id, row.id), eq(table.sourceSlug, ref.slug)))
    }
    const added: number[] = []
    if (plan.insert.length > 0) {
      const config = regconfig(language)
      const rows = await tx.insert(table).values(
        plan.insert.map((chunk) => ({
          chunkIndex: chunk.index,
          embedding: vectors ? (sql`${pgvector.toSql(vectors.get(chunk.hash)!)}::vector` as unknown as number[]) : null,
          hash: chunk.hash,
          heading: chunk.heading,
          model,
          search: sql`setweight(to_tsvector(${config}, ${title}), 'A') || setweight(to_tsvector(${config}, ${chunk.heading}), 'B') || to_tsvector(${config}, ${chunk.text})`,
          sourceId: ref.id,
          sourceKind: ref.kind,
          sourceSlug: ref.slug,
          text: chunk.text,
          title,
          url,
        })),
      ).returning({ id: table.id })
      added.push(...rows.map((row) => row.id))
    }
    const removed = plan.remove.map((row) => row.id)
    // The statistics read the removed chunks' tsvectors, so they change before the rows go.
    await updateTextStatistics(tx as Database, table, { added, removed })
    if (removed.length > 0) await tx.delete(table).where(inArray(table.id, removed))
    await writePostings(tx as Database, tables, added, write.fieldWeights)
    return { inserted: plan.insert.length, kept: plan.keep.length, removed: plan.remove.length }
  })
}
