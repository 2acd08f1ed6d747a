/**
 * What only a real PostgreSQL server shows: pgvector 0.8's iterative index scans are detected at
 * start-up and used by filtered vector search, and concurrent index writers neither deadlock nor wait
 * on one another over the shared text statistics (on the embedded database every connection shares
 * one backend, so none of this can happen there).
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import pg from 'pg'
import { describe, expect, it } from 'vitest'

import { getRetrievalContext, storeTables } from '../../packages/payload-retrieval/src/context'
import { fullTextQuery } from '../../packages/payload-retrieval/src/search/fullTextCandidates'
import { vectorCandidates } from '../../packages/payload-retrieval/src/search/vectorCandidates'
import { statisticsShards } from '../../packages/payload-retrieval/src/store/chunkTable'
import { type Database, databaseOf, queryRows } from '../../packages/payload-retrieval/src/store/database'
import { writeChunks } from '../../packages/payload-retrieval/src/store/writeChunks'
import { getTestPayload } from '../helpers/payload'
import { textIndexDifferences } from '../helpers/textIndexDifferences'

const payload = await getTestPayload()
const context = getRetrievalContext(payload)
const db = databaseOf(payload)
// Vectors are written whatever the app's embedder (none by default): this file tests pgvector.
const model = 'test:vectors'
const dimensions = Number(process.env.EMBEDDING_DIMENSIONS ?? 1536)

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

const store = (slug: string, id: string, texts: string[], vector: (text: string) => number[], into: Database = db) =>
  writeChunks(into, storeTables(context), {
    chunks: texts.map((text, index) => ({ hash: `${slug}-${id}-${index}`, heading: '', index, text })),
    fieldWeights: context.fieldWeights,
    language: context.language,
    model,
    ref: { id, kind: 'collection', slug },
    title: `${slug} ${id}`,
    url: `/${slug}/${id}`,
    vectors: new Map(texts.map((text, index) => [`${slug}-${id}-${index}`, vector(text)])),
  })

describe('PostgreSQL with pgvector 0.8', () => {
  it('detects iterative index scans, and a filtered vector search finds rows the first index pass would miss', async () => {
    const [{ extversion }] = await queryRows<{ extversion: string }>(
      db,
      sql`select extversion from pg_extension where extname = 'vector'`,
    )
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
        return vectorCandidates(tx, around(0), {
          collections: ['far-things'],
          iterativeScan,
          limit: 5,
          model,
          table: context.table,
        })
      })

    // Without iterative scans the index hands over its ef_search nearest rows, all filtered out.
    expect(await search(false)).toEqual([])
    const found = await search(true)
    expect(found.map((hit) => hit.document).sort()).toEqual(expected.sort())
  })

  it('indexes many documents at once without deadlocks on the shared term counts', async () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']
    // Each document writes the same words in a different order, the pattern that deadlocked.
    const texts = (n: number) =>
      words.map((_, i) => `${words[(i + n) % words.length]} ${words[(words.length - 1 - i + n) % words.length]}`)
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, n) =>
        store('concurrent', `c${n}`, n % 2 ? texts(n).reverse() : texts(n), () => around(n, 0.1)),
      ),
    )
    const failures = results.flatMap((result) =>
      result.status === 'rejected' ? [String((result.reason as Error).cause ?? result.reason)] : [],
    )
    expect(failures).toEqual([])

    // The statistics, summed over their shards, and the postings match the chunks.
    expect(await textIndexDifferences(db)).toEqual([])
  })

  it('lets a writer commit while another still holds its transaction open on the same words', async () => {
    // Two connections of their own whose statistics shards differ (shards go by server process).
    const clients: pg.Client[] = []
    const shardOf = async (client: pg.Client) =>
      Number((await client.query('select pg_backend_pid() % $1 as shard', [statisticsShards])).rows[0].shard)
    const opened: { client: pg.Client; shard: number }[] = []
    while (new Set(opened.map((entry) => entry.shard)).size < 2) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      clients.push(client)
      opened.push({ client, shard: await shardOf(client) })
    }
    const first = opened[0]
    const second = opened.find((entry) => entry.shard !== first.shard)!
    try {
      // A lock the second writer had to wait for would fail it after lock_timeout instead of hanging.
      await second.client.query("set lock_timeout = '5s'")
      const words = ['hotel alpha bravo', 'charlie delta echo']
      let secondOutcome: unknown
      await drizzle(first.client).transaction(async (tx) => {
        await store('open-writers', 'first', words, () => around(1, 0.1), tx as unknown as Database)
        // The first transaction holds its rows and its shard's counters until this returns.
        secondOutcome = await store(
          'open-writers',
          'second',
          words,
          () => around(2, 0.1),
          drizzle(second.client) as unknown as Database,
        ).catch((error: Error) => error)
      })
      expect(secondOutcome).toEqual({ inserted: 2, kept: 0, removed: 0 })
      expect(await textIndexDifferences(db)).toEqual([])
    } finally {
      await Promise.all(clients.map((client) => client.end()))
    }
  })

  it('reads no more than `depth` postings of a word, strongest first, however many chunks hold it', async () => {
    // 400 chunks hold "lighthouse", each a different number of times; 3 of them also hold "keeper".
    const texts = Array.from(
      { length: 400 },
      (_, n) => `${'lighthouse '.repeat(1 + (n % 7))}${n < 3 ? 'keeper ' : ''}beam number ${n}`,
    )
    for (let start = 0; start < texts.length; start += 50) {
      await Promise.all(
        texts
          .slice(start, start + 50)
          .map((text, i) => store('lighthouses', `l${start + i}`, [text], () => around(start + i, 0.1))),
      )
    }
    // As autovacuum would soon: the planner then knows the table, and index-only scans need no heap visits.
    await db.execute(sql`vacuum analyze retrieval_postings`)
    const depth = 5
    const query = fullTextQuery('lighthouse keeper', {
      depth,
      language: context.language,
      limit: 10,
      tables: storeTables(context),
    })
    const [
      {
        'QUERY PLAN': [plan],
      },
    ] = await queryRows<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(db, sql`explain (analyze, format json) ${query}`)
    type PlanNode = {
      'Actual Loops': number
      'Actual Rows': number
      'Index Name'?: string
      'Node Type': string
      Plans?: PlanNode[]
    }
    const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)]
    const fronts = nodes(plan.Plan).filter((node) => node['Index Name'] === 'retrieval_postings_term_impact_idx')
    // Each word's scan stops after `depth` rows (a sort would have read all 400 of "lighthouse").
    expect(fronts.length).toBeGreaterThan(0)
    for (const node of fronts) expect(node['Actual Rows']).toBeLessThanOrEqual(depth)
    // And what it finds first is what wins: the chunks with "keeper" and the most "lighthouse".
    const rows = await queryRows<{ document: string }>(db, query)
    expect(
      rows
        .slice(0, 3)
        .map((row) => row.document)
        .sort(),
    ).toEqual(['lighthouses:l0', 'lighthouses:l1', 'lighthouses:l2'])
  })
})
