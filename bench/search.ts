/**
 * Search latency at several index sizes, ours next to what a user would otherwise pick, on the
 * embedded database or a native PostgreSQL:
 *
 *   npm run bench:search [-- --db embedded|native --sizes 10000,50000 --queries 100 --data ../shared/bench/scifact]
 *
 * On a fresh, migrated database, stores the SciFact abstracts (8,745 chunks) with the plugin's own
 * chunker, local embedder and chunk writer, and the same chunks' vectors in a table of the pgvector
 * baseline's own (bench_vectors). On that original corpus it scores nDCG@10 (and recall@100 where the
 * method can rank 100 documents) over the 300 test claims for each method: ours (searchIndex, hybrid),
 * PostgreSQL's stock full text (ts_rank over the GIN index, lexemes OR-ed) and pgvector alone (HNSW).
 * To reach each size it copies chunk rows in SQL under new document ids (growIndex.ts), building the
 * HNSW indexes once per size. Then it sends the first 100 test claims (long, 10 to 20 words) and short
 * three-word queries made from them, one at a time, to each method: ours over HTTP (GET /api/search,
 * limit 10) and in-process (searchIndex), the baselines as SQL through the app's pool. It prints
 * p50/p95 per method, size and query kind, the ratio of our p95 to each baseline's, and once per size
 * the shape of our full-text query's plan for the longest claim.
 */
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { getRetrievalContext, type RetrievalContext, storeTables } from '../packages/payload-retrieval/src/context'
import { createLocalEmbedder } from '../packages/payload-retrieval/src/embedders/localEmbedder'
import { fullTextQuery } from '../packages/payload-retrieval/src/search/fullTextCandidates'
import { searchIndex } from '../packages/payload-retrieval/src/search/searchIndex'
import { checkStoreOnInit } from '../packages/payload-retrieval/src/store/checkStoreOnInit'
import { type Database, databaseOf, queryRows } from '../packages/payload-retrieval/src/store/database'
import { writeChunks } from '../packages/payload-retrieval/src/store/writeChunks'
import { chunkBlocks, embeddingText } from '../packages/payload-retrieval/src/text/chunkBlocks'
import { progressBar } from '../src/cli/progressBar'
import { describeEngine, engineOption, useBenchDatabase } from './benchDatabase'
import { log, machineLoad, option, percentile, readJsonl, runMain } from './common'
import { createBaselineGinIndex, fullTextBaselineQuery, fullTextBaselineSearch } from './fullTextBaseline'
import { growIndex } from './growIndex'
import { type Explain, planShape } from './planShape'
import { loadQrels, meanQuality, type Quality } from './scifactMetrics'
import { fillVectorBaseline, growVectorBaseline, vectorBaselineSearch } from './vectorBaseline'

const dataDir = path.resolve(option('data', path.join('..', 'shared', 'bench', 'scifact')))
const sizes = option('sizes', '10000,50000').split(',').map(Number)
const queryCount = Number(option('queries', '100'))
const engine = engineOption()
// The pgvector baseline's embedder: the local one, whatever ours uses (none by default).
const baselineEmbedder = createLocalEmbedder({ dimensions: 1536 })
const stop = new Set(
  'a an and are as at be by for from has have in is it of on or that the to was were with'.split(' '),
)

type Ranking = 'fullText' | 'ours' | 'vector'
/** One way to search: the documents it ranks for a query, best first. */
type Method = { label: string; ranking: Ranking; search: (query: string, limit: number) => Promise<string[]> }
type Timing = { chunks: number; kind: string; method: Method; times: number[] }

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`
const p95 = (timing: Timing) => percentile(timing.times, 95)
const chunkCount = async (db: Database) =>
  (await queryRows<{ count: number }>(db, sql`select count(*)::int as count from retrieval_chunks`))[0].count

/** The abstracts, as blog-post chunks, through the plugin's chunker, embedder and writer, without the HNSW index (growIndex builds it). */
async function storeCorpus(db: Database, context: RetrievalContext) {
  await db.execute(sql`drop index if exists retrieval_chunks_embedding_idx`)
  const corpus = readJsonl<{ _id: string; text: string; title: string }>(path.join(dataDir, 'corpus.jsonl'))
  const load = progressBar('store', corpus.length)
  for (const doc of corpus) {
    const title = doc.title || `Abstract ${doc._id}`
    const chunks = chunkBlocks([{ kind: 'text', text: doc.text }], title, context.chunking)
    const vectors = context.embedder
      ? await context.embedder.embed(chunks.map((chunk) => embeddingText(title, chunk)))
      : undefined
    await writeChunks(db, storeTables(context), {
      chunks,
      fieldWeights: context.fieldWeights,
      language: context.language,
      model: context.model,
      ref: { id: doc._id, kind: 'collection', slug: 'blog-posts' },
      title,
      url: `/blog/scifact-${doc._id}`,
      vectors: vectors && new Map(chunks.map((chunk, i) => [chunk.hash, vectors[i]])),
    })
    load.tick()
  }
  load.finish()
}

/** Ours over HTTP and in-process, and the two baselines, each as the documents it ranks. */
function searchMethods(payload: Payload, context: RetrievalContext, serverUrl: string) {
  const db = databaseOf(payload)
  const http: Method = {
    label: 'ours: GET /api/search (HTTP)',
    ranking: 'ours',
    search: async (q, limit) => {
      const response = await fetch(`${serverUrl}/api/search?${new URLSearchParams({ limit: String(limit), q })}`)
      const body = (await response.json()) as { results: { id: string }[] }
      if (response.status !== 200) throw new Error(`search answered ${response.status} for ${q}`)
      return body.results.map((hit) => hit.id)
    },
  }
  const inProcess: Method = {
    label: 'ours: searchIndex (in-process)',
    ranking: 'ours',
    search: async (q, limit) => (await searchIndex(payload, context, q, { limit })).map((hit) => hit.id),
  }
  const fullText: Method = {
    label: 'PostgreSQL full text (@@, ts_rank)',
    ranking: 'fullText',
    search: (q, limit) => fullTextBaselineSearch(db, context.language, q, limit),
  }
  const vector: Method = {
    label: 'pgvector only (HNSW, ef_search 40)',
    ranking: 'vector',
    search: (q, limit) => vectorBaselineSearch(db, baselineEmbedder, q, limit),
  }
  return { fullText, http, inProcess, vector }
}

/**
 * nDCG@10 from each ranking's limit-10 results and recall@100 from 100 documents, where the method
 * ranks that many (pgvector's index returns at most ef_search chunks). Over HTTP is the same ranking
 * as in-process, so it is not scored twice.
 */
async function scoreMethods(
  methods: Method[],
  claims: { _id: string; text: string }[],
  qrels: Map<string, Map<string, number>>,
) {
  const quality = new Map<Ranking, Quality>()
  for (const method of methods) {
    const bar = progressBar(`quality: ${method.ranking}`, claims.length)
    const deep = method.ranking === 'vector' ? undefined : (q: string) => method.search(q, 100)
    quality.set(
      method.ranking,
      await meanQuality(
        claims,
        qrels,
        (q) => method.search(q, 10),
        deep,
        () => bar.tick(),
      ),
    )
    bar.finish()
  }
  return quality
}

/** Our full-text query (the SQL fullTextCandidates runs for a limit-10 search: 50 candidates) and the stock baseline's, EXPLAINed and reduced to their shape. */
async function explainFullText(
  db: Database,
  context: RetrievalContext,
  claim: string,
  chunks: number,
): Promise<string[]> {
  const plans: string[] = []
  for (const [name, query] of [
    [
      'Our full-text query',
      fullTextQuery(claim, {
        depth: context.postingsPerWord,
        language: context.language,
        limit: 50,
        tables: storeTables(context),
      }),
    ],
    ['The stock full-text baseline', fullTextBaselineQuery(context.language, claim, 10)],
  ] as const) {
    const [plan] = await queryRows<{ 'QUERY PLAN': Explain[] }>(
      db,
      sql`explain (analyze, buffers, format json) ${query}`,
    )
    plans.push(
      `${name} at ${chunks.toLocaleString('en')} chunks, longest claim ("${claim}"):\n${planShape(plan['QUERY PLAN'][0])
        .map((line) => `    ${line}`)
        .join('\n')}`,
    )
    log(plans[plans.length - 1])
  }
  return plans
}

/** Each method on each query in turn, the order rotating so no method always runs on a cache the one before warmed. */
async function timeMethods(methods: Method[], queries: string[], label: string): Promise<number[][]> {
  for (const q of queries.slice(0, 3)) for (const method of methods) await method.search(q, 10) // warm-up
  const times = methods.map(() => [] as number[])
  const bar = progressBar(label, queries.length)
  for (const [i, q] of queries.entries()) {
    for (let j = 0; j < methods.length; j++) {
      const m = (i + j) % methods.length
      const started = performance.now()
      await methods[m].search(q, 10)
      times[m].push(performance.now() - started)
    }
    bar.tick()
  }
  bar.finish()
  return times.map((list) => list.sort((a, b) => a - b))
}

/** The table of every timing; each baseline's row compares `reference`'s p95 (ours, in-process) with its own. */
function resultTable(timings: Timing[], quality: Map<Ranking, Quality>, reference: Method): string {
  const ours = (timing: Timing) =>
    timings.find((t) => t.method === reference && t.chunks === timing.chunks && t.kind === timing.kind)!
  const rows = timings.map((timing) => {
    const { ndcg10, recall100 } = quality.get(timing.method.ranking)!
    const ratio = timing.method.ranking === 'ours' ? '—' : (p95(ours(timing)) / p95(timing)).toFixed(2)
    return `| ${timing.method.label} | ${timing.chunks.toLocaleString('en')} | ${timing.kind} | ${timing.times.length} | ${ms(percentile(timing.times, 50))} | ${ms(p95(timing))} | ${ndcg10.toFixed(3)} | ${recall100?.toFixed(3) ?? '—'} | ${ratio} |`
  })
  return [
    '| method | chunks | queries | n | p50 | p95 | nDCG@10 | recall@100 | ours in-process p95 / this p95 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}

const footnote = (engineLine: string, context: RetrievalContext, claims: number) =>
  [
    `${engineLine}. ${context.embedder ? `Ours with the embedder ${context.embedder.id} (hybrid)` : 'Ours with no embedder (full text only, the offline default)'}, ${context.postingsPerWord} postings per query word. At the end, ${machineLoad()}.`,
    'Sequential queries, limit 10, each method in turn on each query. nDCG@10 and recall@100 once, on the original 8,745 chunks',
    `and the ${claims} SciFact test claims; ours: searchIndex (hybrid) with limit 10 and 100; full text: documents ranked by`,
    'their best chunk, limit 10 and 100; pgvector: the 10 nearest chunks, duplicates of a document dropped (at ef_search 40',
    'the index returns at most 40 chunks, so no recall@100). Baselines are timed as SQL through the same pool, with the query',
    'embedding (pgvector) included; ours over HTTP includes the rate-limit count, both candidate queries, fusion and snippets.',
    '',
  ].join('\n')

async function main() {
  if (!fs.existsSync(path.join(dataDir, 'corpus.jsonl')))
    throw new Error(`SciFact not found in ${dataDir} (pass --data)`)
  const runStarted = performance.now()
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-search-'))
  const database = await useBenchDatabase(engine, workDir, { SEARCH_RATE_LIMIT_PER_IP: '1000000' })
  try {
    await run(database.maintenanceWorkMem)
  } finally {
    await database.stop()
    fs.rmSync(workDir, { force: true, recursive: true })
  }
  log(`bench:search --db ${engine} took ${((performance.now() - runStarted) / 1000).toFixed(0)} s`)
}

async function run(maintenanceWorkMem: string) {
  // Loaded now: the config reads the environment useBenchDatabase has just set.
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { migrations } = await import('../migrations')
  const { startApiServer } = await import('../tests/helpers/apiServer')
  const payload = await getPayload({ config })
  await payload.db.migrate({ migrations: migrations as never })
  const db = databaseOf(payload)
  const context = getRetrievalContext(payload)
  // The plugin's start-up check ran before the migrations made the table; run it again, as the server's
  // Payload does after them (it turns on pgvector's iterative scans where the server has them).
  await checkStoreOnInit(payload, context)
  const server = await startApiServer()
  try {
    const engineLine = await describeEngine(engine, db)
    log(engineLine)
    await storeCorpus(db, context)
    await fillVectorBaseline(db, baselineEmbedder)
    const original = await chunkCount(db)
    await growIndex(db, context, original, original, maintenanceWorkMem)
    await createBaselineGinIndex(db)
    await growVectorBaseline(db, maintenanceWorkMem)

    const { fullText, http, inProcess, vector } = searchMethods(payload, context, server.url)
    const qrels = loadQrels(dataDir)
    const claims = readJsonl<{ _id: string; text: string }>(path.join(dataDir, 'queries.jsonl')).filter((claim) =>
      qrels.has(claim._id),
    )
    const quality = await scoreMethods([inProcess, fullText, vector], claims, qrels)

    const long = claims.slice(0, queryCount).map((claim) => claim.text)
    const short = long.map((text) =>
      text
        .toLowerCase()
        .replace(/[^a-z0-9\s-]/g, ' ')
        .split(/\s+/)
        .filter((word) => word.length > 2 && !stop.has(word))
        .slice(0, 3)
        .join(' '),
    )
    const longest = long.reduce((a, b) => (b.split(/\s+/).length > a.split(/\s+/).length ? b : a))
    const methods = [http, inProcess, fullText, vector]
    const plans: string[] = []
    const timings: Timing[] = []
    for (const size of sizes) {
      const count = await chunkCount(db)
      if (count < size) {
        log(`growing the index from ${count} to ${size} chunks`)
        await growIndex(db, context, count, size, maintenanceWorkMem)
        await growVectorBaseline(db, maintenanceWorkMem)
      }
      const chunks = await chunkCount(db)
      log(`timing at ${chunks} chunks; ${machineLoad()}`)
      plans.push(...(await explainFullText(db, context, longest, chunks)))
      for (const [kind, queries] of [
        ['short (3 words)', short],
        ['SciFact claims', long],
      ] as const) {
        const times = await timeMethods(methods, queries, `${chunks} ${kind}`)
        methods.forEach((method, i) => timings.push({ chunks, kind, method, times: times[i] }))
      }
    }
    process.stdout.write(
      `\n${resultTable(timings, quality, inProcess)}\n\n${plans.join('\n\n')}\n\n${footnote(engineLine, context, claims.length)}`,
    )
  } finally {
    await server.close()
    await payload.destroy()
  }
}

runMain(main)
