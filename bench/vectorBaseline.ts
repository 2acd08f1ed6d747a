import type { Embedder } from '../packages/payload-retrieval/src/types'

/**
 * The "pgvector only" baseline (what payloadcms-vectorize does): chunks' embeddings in a table of
 * their own, nearest neighbours by cosine distance through HNSW at pgvector's default settings. The
 * table is the benchmark's, not the store's, so the comparison holds whatever the store keeps.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import pgvector from 'pgvector'

import { type Database, queryRows } from '../packages/payload-retrieval/src/store/database'
import { embeddingText } from '../packages/payload-retrieval/src/text/chunkBlocks'
import { progressBar } from '../src/cli/progressBar'
import { log } from './common'

type ChunkRow = { heading: string; id: number; source_id: string; text: string; title: string }

/** Creates `bench_vectors` and fills it with the stored chunks, embedded again with `embedder` (the same text the store embedded). */
export async function fillVectorBaseline(db: Database, embedder: Embedder): Promise<void> {
  await db.execute(sql.raw(`drop table if exists bench_vectors`))
  await db.execute(
    sql.raw(
      `create table bench_vectors (chunk_id int primary key, source_id text not null, embedding vector(${embedder.dimensions}) not null)`,
    ),
  )
  const [{ count }] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from retrieval_chunks`)
  const bar = progressBar('baseline vectors', count)
  for (let last = 0, done = 0; ;) {
    const rows = await queryRows<ChunkRow>(
      db,
      sql`select id, source_id, title, heading, text from retrieval_chunks where id > ${last} order by id limit 200`,
    )
    if (rows.length === 0) break
    const vectors = await embedder.embed(rows.map((row) => embeddingText(row.title, row)))
    const values = rows.map((row, i) => sql`(${row.id}, ${row.source_id}, ${pgvector.toSql(vectors[i])}::vector)`)
    await db.execute(
      sql`insert into bench_vectors (chunk_id, source_id, embedding) values ${sql.join(values, sql`, `)}`,
    )
    last = Number(rows[rows.length - 1].id)
    bar.update((done += rows.length))
  }
  bar.finish()
}

/**
 * Gives every chunk copy that growIndex made its original's vector (the original is the chunk of the
 * document named before the first `~`, at the same chunk_index), then rebuilds the HNSW index once.
 */
export async function growVectorBaseline(db: Database, maintenanceWorkMem: string): Promise<void> {
  await db.execute(sql`drop index if exists bench_vectors_embedding_idx`)
  for (;;) {
    const result = (await db.execute(sql`
      insert into bench_vectors (chunk_id, source_id, embedding)
      select c.id, c.source_id, v.embedding
      from (select id, source_id, chunk_index from retrieval_chunks c where source_id like '%~%'
            and not exists (select 1 from bench_vectors b where b.chunk_id = c.id) order by id limit 5000) c
      join retrieval_chunks o on o.source_id = split_part(c.source_id, '~', 1) and o.chunk_index = c.chunk_index
      join bench_vectors v on v.chunk_id = o.id`)) as unknown as { rowCount: null | number }
    if (!result.rowCount) break
  }
  const [{ chunks, vectors }] = await queryRows<{ chunks: number; vectors: number }>(
    db,
    sql`select (select count(*) from retrieval_chunks)::int as chunks, (select count(*) from bench_vectors)::int as vectors`,
  )
  if (chunks !== vectors)
    throw new Error(`bench_vectors has ${vectors} rows for ${chunks} chunks: a copy's original was not found`)
  const started = performance.now()
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local maintenance_work_mem = '${maintenanceWorkMem}'`))
    await tx.execute(
      sql`create index bench_vectors_embedding_idx on bench_vectors using hnsw (embedding vector_cosine_ops)`,
    )
  })
  await db.execute(sql`analyze bench_vectors`)
  log(
    `HNSW index over ${vectors} vectors (bench_vectors) built in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
}

/** The baseline's search: the `limit` nearest chunks, as their documents' ids in order (duplicates removed). */
export async function vectorBaselineSearch(
  db: Database,
  embedder: Embedder,
  query: string,
  limit: number,
): Promise<string[]> {
  const vector = embedder.embedQuery ? await embedder.embedQuery(query) : (await embedder.embed([query]))[0]
  const rows = await queryRows<{ source_id: string }>(
    db,
    sql`select source_id from bench_vectors order by embedding <=> ${pgvector.toSql(vector)}::vector limit ${limit}`,
  )
  return [...new Set(rows.map((row) => row.source_id))]
}
