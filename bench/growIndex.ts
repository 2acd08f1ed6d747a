import type { RetrievalContext } from '../packages/payload-retrieval/src/context'
import type { Database } from '../packages/payload-retrieval/src/store/database'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { storeTables } from '../packages/payload-retrieval/src/context'
import { rebuildTextIndex } from '../packages/payload-retrieval/src/store/rebuildTextIndex'
import { progressBar } from '../src/cli/progressBar'
import { log } from './common'

/**
 * Grows the chunk store from `from` to `to` chunks by copying the stored originals in SQL, then
 * rebuilds the full-text index (postings and statistics, from the tsvectors: the copies' document
 * frequencies grow with the corpus) and, when the chunks have vectors, the HNSW index, once (from ==
 * to only rebuilds them), and vacuums and analyzes the tables, as autovacuum (or the embedded
 * database's maintenance pass) would before long. A copy keeps its original's chunk_index and takes
 * the document id `<original id>~<round>~<offset>`; the pgvector baseline (vectorBaseline.ts) finds
 * each copy's original by that name.
 *
 * This is the one place that knows how the store's rows are laid out for copying: a change to the
 * store's schema changes this function.
 */
export async function growIndex(
  db: Database,
  context: RetrievalContext,
  from: number,
  to: number,
  maintenanceWorkMem: string,
): Promise<void> {
  await db.execute(sql`drop index if exists retrieval_chunks_embedding_idx`)
  const bar = from < to ? progressBar('copy', to - from) : undefined
  for (let copied = from, round = 1; copied < to; round++) {
    const batch = Math.min(5000, to - copied)
    await db.execute(sql`
      insert into retrieval_chunks (source_kind, source_slug, source_id, chunk_index, title, url, heading, text, hash, model, embedding, search)
      select source_kind, source_slug, source_id || '~' || ${String(round)} || '~' || ${String(copied)}, chunk_index, title, url, heading, text, hash, model, embedding, search
      from retrieval_chunks where source_id not like '%~%' order by id limit ${batch}`)
    copied += batch
    bar?.update(copied - from)
  }
  bar?.finish()
  let started = performance.now()
  await rebuildTextIndex(db, storeTables(context), context.fieldWeights)
  log(`full-text index over ${to} chunks rebuilt in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  started = performance.now()
  await db.transaction(async (tx) => {
    // SET LOCAL: on the embedded database every connection shares one session.
    await tx.execute(sql.raw(`set local maintenance_work_mem = '${maintenanceWorkMem}'`))
    await tx.execute(
      sql`create index retrieval_chunks_embedding_idx on retrieval_chunks using hnsw (embedding vector_cosine_ops)`,
    )
  })
  log(
    `HNSW index over ${to} chunks (retrieval_chunks${context.embedder ? '' : ', no vectors: empty'}) built in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
  await db.execute(sql`vacuum analyze retrieval_chunks`)
  await db.execute(sql`vacuum analyze retrieval_postings`)
  await db.execute(sql`vacuum analyze retrieval_terms`)
}
