import type { Chunk, SourceRef } from '../types'
import type { ChunkTable, PostingsTable } from './chunkTable'
import type { Database } from './database'

import { inArray, sql } from '@payloadcms/db-postgres/drizzle'
import pgvector from 'pgvector'

import { indexKey, sourceKey } from '../context'
import { regconfig } from './database'
import { type ChunkPlan, planChunkChanges } from './planChunkChanges'
import { readChunkMetas } from './readChunkMeta'
import { updateTextStatistics } from './updateTextStatistics'
import { type FieldWeights, writePostings } from './writePostings'

export type ChunkWrite = {
  /** The document's chunks now; none removes it from the index. */
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

export type WriteResult = { inserted: number; kept: number; removed: number } | { missing: Chunk[] }

export type StoreTables = { chunks: ChunkTable; postings: PostingsTable }

// Rows per INSERT, well under PostgreSQL's 65,535 parameters a statement.
const insertBatch = 500

type Planned = { plan: ChunkPlan; write: ChunkWrite }

/** A chunk's citation: the document's URL, with the page for text from a PDF page (`#page=N` opens it there). */
export const chunkUrl = (url: string, chunk: Pick<Chunk, 'page'>): string =>
  chunk.page === undefined || !url ? url : `${url.replace(/#.*$/, '')}#page=${chunk.page}`

/** New chunk rows, in statements of `insertBatch`; returns their ids. */
async function insertChunks(tx: Database, table: ChunkTable, planned: Planned[]): Promise<number[]> {
  const rows = planned.flatMap(({ plan, write }) => {
    const config = regconfig(write.language)
    // Drizzle's vector column takes numbers; the value is written as pgvector's literal instead
    // (one bound text, not 1,536 numbers), so it is cast to what the column's type says.
    return plan.insert.map((chunk) => ({
      chunkIndex: chunk.index,
      embedding: write.vectors
        ? (sql`${pgvector.toSql(write.vectors.get(chunk.hash)!)}::vector` as unknown as number[])
        : null,
      hash: chunk.hash,
      heading: chunk.heading,
      model: write.model,
      search: sql`setweight(to_tsvector(${config}, ${write.title}), 'A') || setweight(to_tsvector(${config}, ${chunk.heading}), 'B') || to_tsvector(${config}, ${chunk.text})`,
      sourceId: write.ref.id,
      sourceKind: write.ref.kind,
      sourceSlug: write.ref.slug,
      page: chunk.page ?? null,
      text: chunk.text,
      title: write.title,
      url: chunkUrl(write.url, chunk),
    }))
  })
  const ids: number[] = []
  for (let start = 0; start < rows.length; start += insertBatch) {
    const inserted = await tx
      .insert(table)
      .values(rows.slice(start, start + insertBatch))
      .returning({ id: table.id })
    ids.push(...inserted.map((row) => row.id))
  }
  return ids
}

/** Kept chunks whose position, title, URL or page changed, in one statement. */
async function renumberChunks(tx: Database, table: ChunkTable, planned: Planned[]): Promise<void> {
  const moved = planned.flatMap(({ plan, write }) =>
    plan.keep
      .filter(
        ({ chunk, row }) =>
          row.chunkIndex !== chunk.index ||
          row.title !== write.title ||
          row.url !== chunkUrl(write.url, chunk) ||
          row.page !== (chunk.page ?? null),
      )
      .map(({ chunk, row }) => ({
        id: row.id,
        index: chunk.index,
        page: chunk.page ?? null,
        title: write.title,
        url: chunkUrl(write.url, chunk),
      })),
  )
  if (moved.length === 0) return
  await tx.execute(sql`
    update ${table} set chunk_index = m.index, title = m.title, url = m.url, page = m.page, updated_at = now()
    from unnest(${sql.param(moved.map((m) => m.id))}::int[], ${sql.param(moved.map((m) => m.index))}::int[],
      ${sql.param(moved.map((m) => m.title))}::text[], ${sql.param(moved.map((m) => m.url))}::text[],
      ${sql.param(moved.map((m) => m.page))}::int[]) as m(id, index, title, url, page)
    where ${table}.id = m.id`)
}

/**
 * Makes the stored chunks of each document equal to its `chunks`, all in one transaction and a few
 * statements whatever the number of documents: stale rows go, unchanged rows stay (renumbered if they
 * moved), new rows come in with their vectors and postings, and the BM25 statistics change by the
 * difference. The plans are made again inside the transaction, under each document's lock (taken in
 * one order, so concurrent batches cannot deadlock on them), so two writers cannot both insert. If a
 * chunk needs a vector that was not computed, nothing is written and each write gets its missing
 * chunks back.
 */
export async function writeDocuments(db: Database, tables: StoreTables, writes: ChunkWrite[]): Promise<WriteResult[]> {
  if (writes.length === 0) return []
  const table = tables.chunks
  return db.transaction(async (tx) => {
    const keys = [...new Set(writes.map((write) => indexKey(write.ref)))].sort()
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(k)) from (select k from unnest(${sql.param(keys)}::text[]) as k order by k) as locks`,
    )
    const stored = await readChunkMetas(
      tx as Database,
      table,
      writes.map((write) => write.ref),
    )
    const planned = writes.map((write) => ({
      plan: planChunkChanges(write.chunks, stored.get(sourceKey(write.ref)) ?? [], write.model),
      write,
    }))
    const missing = planned.map(({ plan, write }) =>
      write.vectors ? plan.insert.filter((chunk) => !write.vectors!.has(chunk.hash)) : [],
    )
    if (missing.some((chunks) => chunks.length > 0)) return missing.map((chunks) => ({ missing: chunks }))

    await renumberChunks(tx as Database, table, planned)
    const added = await insertChunks(tx as Database, table, planned)
    const removed = planned.flatMap(({ plan }) => plan.remove.map((row) => row.id))
    // The statistics read the removed chunks' tsvectors, so they change before the rows go.
    await updateTextStatistics(tx as Database, table, { added, removed })
    if (removed.length > 0) await tx.delete(table).where(inArray(table.id, removed))
    // Postings take the field weights of the first write: every write of one index shares them.
    await writePostings(tx as Database, tables, added, writes[0].fieldWeights)
    return planned.map(({ plan }) => ({
      inserted: plan.insert.length,
      kept: plan.keep.length,
      removed: plan.remove.length,
    }))
  })
}

/** `writeDocuments` for one document. */
export const writeChunks = async (db: Database, tables: StoreTables, write: ChunkWrite): Promise<WriteResult> =>
  (await writeDocuments(db, tables, [write]))[0]
