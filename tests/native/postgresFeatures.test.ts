/**
 * What only a real PostgreSQL server shows: pgvector 0.8's iterative index scans are detected at
 * start-up and used by filtered vector search, and concurrent index writers do not deadlock on the
 * shared text statistics (on the embedded database every connection shares one backend, so neither
 * can happen there).
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { describe, expect, it } from 'vitest'

import { getRetrievalContext } from '../../src/plugins/retrieval/context'
import { vectorCandidates } from '../../src/plugins/retrieval/search/vectorCandidates'
import { databaseOf, queryRows } from '../../src/plugins/retrieval/store/database'
import { writeChunks } from '../../src/plugins/retrieval/store/writeChunks'
import { getTestPayload } from '../helpers/payload'

const payload = await getTestPayload()
const context = getRetrievalContext(payload)
const db = databaseOf(payload)
const model = context.embedder.id
const dimensions = context.embedder.dimensions

// A deterministic pseudo-random sequence, so the index is built the same way every run.
let seed = 42
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1

/** A unit vector along `index`, tilted at random towards 64 neighbouring dimensions by up to `spread`. */
const around = (index: number, spread = 0) => {
  const vector = Array.from({ length: dimensions }, () => 0)
  vector[index] = 1
  for (let d = 1; d <= 64 && spread; d++) vector[(index + d) % dimensions] = random() * spread
  return vector
}

const store = (slug: string, id: string, texts: string[], vector: (text: string) => number[]) =>
  writeChunks(db, context.table, {
    chunks: texts.map((text, index) => ({ hash: `${slug}-${id}-${index}`, heading: '', index, text })),
    language: context.language,
    model,
    ref: { id, kind: 'collection', slug },
    title: `${slug} ${id}`,
    url: `/${slug}/${id}`,
    vectors: new Map(texts.map((text, index) => [`${slug}-${id}-${index}`, vector(text)])),
  })

describe('PostgreSQL with pgvector 0.8', () => {
  it('detects iterative index scans, and a filtered vector search finds rows the first index pass would miss', async () => {
    const [{ extversion }] = await queryRows<{ extversion: string }>(db, sql`select extversion from pg_extension where extname = 'vector'`)
    expect(extversion).toBe('0.8.0')
    expect(context.iterativeScan).toBe(true)

    // 300 chunks around the query; the two farthest from it belong to another "collection", so the
    // index's first pass (the ef_search nearest rows) holds none of them.
    const vectors = Array.from({ length: 300 }, () => around(0, 0.1))
    const distance = (v: number[]) => 1 - v[0] / Math.hypot(...v)
    const farthest = new Set([...vectors].sort((a, b) => distance(b) - distance(a)).slice(0, 2))
    for (const [i, vector] of vectors.entries()) {
      await store(farthest.has(vector) ? 'far-things' : 'near-things', `v${i}`, ['a chunk'], () => vector)
    }
    const expected = vectors.flatMap((vector, i) => (farthest.has(vector) ? [`far-things:v${i}`] : []))

    const search = (iterativeScan: boolean) =>
      db.transaction(async (tx) => {
        // Make the planner take the HNSW index, as it does when the filter matches many rows: here
        // it would rather read the few filtered rows through the source index and sort them.
        await tx.execute(sql`set local enable_seqscan = off`)
        await tx.execute(sql`set local enable_sort = off`)
        const plan = await queryRows<{ 'QUERY PLAN': string }>(
          tx,
          sql`explain select id from retrieval_chunks where model = ${model} and source_slug = any(${sql.param(['far-things'])}::text[])
            order by embedding <=> ${`[${around(0).join(',')}]`}::vector limit 5`,
        )
        expect(plan.map((row) => row['QUERY PLAN']).filter((line) => line.includes('Index Scan'))).toEqual([
          expect.stringContaining('Index Scan using retrieval_chunks_embedding_idx'),
        ])
        return vectorCandidates(tx, around(0), { collections: ['far-things'], iterativeScan, limit: 5, model })
      })

    // Without iterative scans the index hands over its ef_search nearest rows, all filtered out.
    expect(await search(false)).toEqual([])
    const found = await search(true)
    expect(found.map((hit) => hit.document).sort()).toEqual(expected.sort())
  })

  it('indexes many documents at once without deadlocks on the shared term counts', async () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']
    // Each document writes the same words in a different order, the pattern that deadlocked.
    const texts = (n: number) => words.map((_, i) => `${words[(i + n) % words.length]} ${words[(words.length - 1 - i + n) % words.length]}`)
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, n) => store('concurrent', `c${n}`, n % 2 ? texts(n).reverse() : texts(n), () => around(n, 0.1))),
    )
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [String((result.reason as Error).cause ?? result.reason)] : []))
    expect(failures).toEqual([])

    // The statistics the triggers keep match the chunks.
    const [stats] = await queryRows<{ chunks: number; stored: number }>(
      db,
      sql`select s.chunks::int as chunks, (select count(*)::int from retrieval_chunks) as stored from retrieval_stats s where s.id = 1`,
    )
    expect(stats.chunks).toBe(stats.stored)
    const [alpha] = await queryRows<{ df: number }>(db, sql`select df::int as df from retrieval_terms where term = 'alpha'`)
    const [expected] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from retrieval_chunks where search @@ 'alpha'::tsquery`)
    expect(alpha.df).toBe(expected.n)
  })
})
