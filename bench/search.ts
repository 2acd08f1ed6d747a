/**
 * /api/search latency on the embedded database at several index sizes:
 *
 *   npm run bench:search [-- --sizes 10000,50000 --queries 100 --data ../shared/bench/scifact]
 *
 * On a fresh, migrated embedded database, stores the SciFact abstracts (8,745 chunks) with the
 * plugin's own chunker, local embedder and chunk writer. To reach each size, it copies chunk rows in
 * SQL under new document ids (the statistics triggers count them like any insert), building the HNSW
 * index once per size rather than row by row. Then it sends the first 100 SciFact test claims (long,
 * 10 to 20 words) and short three-word queries made from them over HTTP to GET /api/search (hybrid,
 * limit 10), one at a time, and prints p50/p95 per size and query kind.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { progressBar } from '../src/cli/progressBar'
import { log, option, percentile, readJsonl } from './common'
import { useEmbeddedDatabase } from './embeddedApp'

const dataDir = path.resolve(option('data', path.join('..', 'shared', 'bench', 'scifact')))
const sizes = option('sizes', '10000,50000').split(',').map(Number)
const queryCount = Number(option('queries', '100'))
const stop = new Set('a an and are as at be by for from has have in is it of on or that the to was were with'.split(' '))

async function main() {
  if (!fs.existsSync(path.join(dataDir, 'corpus.jsonl'))) throw new Error(`SciFact not found in ${dataDir} (pass --data)`)
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-search-'))
  const database = await useEmbeddedDatabase(workDir, { SEARCH_RATE_LIMIT_PER_IP: '1000000' })
  const { getPayload } = await import('payload')
  const { sql } = await import('@payloadcms/db-postgres/drizzle')
  const { default: config } = await import('../payload.config')
  const { databaseOf, queryRows } = await import('../src/plugins/retrieval/store/database')
  const { startApiServer } = await import('../tests/helpers/apiServer')
  const { migrations } = await import('../migrations')
  const { getRetrievalContext, storeTables } = await import('../src/plugins/retrieval/context')
  const { chunkBlocks, embeddingText } = await import('../src/plugins/retrieval/text/chunkBlocks')
  const { writeChunks } = await import('../src/plugins/retrieval/store/writeChunks')
  const payload = await getPayload({ config })
  await payload.db.migrate({ migrations: migrations as never })
  const db = databaseOf(payload)
  const context = getRetrievalContext(payload)
  const server = await startApiServer()

  // The abstracts, as blog-post chunks, without the HNSW index (built once below).
  await db.execute(sql`drop index if exists retrieval_chunks_embedding_idx`)
  const corpus = readJsonl<{ _id: string; text: string; title: string }>(path.join(dataDir, 'corpus.jsonl'))
  const load = progressBar('store', corpus.length)
  for (const doc of corpus) {
    const title = doc.title || `Abstract ${doc._id}`
    const chunks = chunkBlocks([{ kind: 'text', text: doc.text }], title, context.chunking)
    const vectors = context.embedder ? await context.embedder.embed(chunks.map((chunk) => embeddingText(title, chunk))) : undefined
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

  const claims = readJsonl<{ _id: string; text: string }>(path.join(dataDir, 'queries.jsonl'))
  const qrels = new Set(fs.readFileSync(path.join(dataDir, 'qrels', 'test.tsv'), 'utf8').split('\n').slice(1).map((line) => line.split('\t')[0]))
  const long = claims.filter((claim) => qrels.has(claim._id)).slice(0, queryCount).map((claim) => claim.text)
  const short = long.map((text) => text.toLowerCase().replace(/[^a-z0-9\s-]/g, ' ').split(/\s+/).filter((word) => word.length > 2 && !stop.has(word)).slice(0, 3).join(' '))

  const rows: string[] = []
  try {
    for (const size of sizes) {
      const [{ count }] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from retrieval_chunks`)
      if (count < size || size === sizes[0]) {
        log(`growing the index from ${count} to ${size} chunks`)
        await db.execute(sql`drop index if exists retrieval_chunks_embedding_idx`)
        const bar = progressBar('copy', size - count)
        for (let copied = count, round = 1; copied < size; round++) {
          const batch = Math.min(5000, size - copied)
          await db.execute(sql`
            insert into retrieval_chunks (source_kind, source_slug, source_id, chunk_index, title, url, heading, text, hash, model, embedding, search)
            select source_kind, source_slug, source_id || '~' || ${String(round)} || '~' || ${String(copied)}, chunk_index, title, url, heading, text, hash, model, embedding, search
            from retrieval_chunks where source_id not like '%~%' order by id limit ${batch}`)
          copied += batch
          bar.update(copied - count)
        }
        bar.finish()
        const started = performance.now()
        log('building the HNSW index')
        await db.execute(sql.raw(`set maintenance_work_mem = '512MB'`))
        await db.execute(sql`create index retrieval_chunks_embedding_idx on retrieval_chunks using hnsw (embedding vector_cosine_ops)`)
        await db.execute(sql`analyze retrieval_chunks`)
        log(`HNSW index over ${size} chunks built in ${((performance.now() - started) / 1000).toFixed(0)} s`)
      }
      for (const [kind, queries] of [['short (3 words)', short], ['SciFact claims', long]] as const) {
        const times: number[] = []
        const bar = progressBar(`${size} ${kind}`, queries.length)
        for (const q of queries) {
          const started = performance.now()
          const response = await fetch(`${server.url}/api/search?${new URLSearchParams({ q })}`)
          await response.json()
          if (response.status !== 200) throw new Error(`search answered ${response.status} for ${q}`)
          times.push(performance.now() - started)
          bar.tick()
        }
        bar.finish()
        times.sort((a, b) => a - b)
        rows.push(`| ${size.toLocaleString('en')} | ${kind} | ${queries.length} | ${percentile(times, 50).toFixed(0)} ms | ${percentile(times, 95).toFixed(0)} ms |`)
      }
    }
    process.stdout.write(`\n| chunks | queries | n | p50 | p95 |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n\n`)
    process.stdout.write('GET /api/search, hybrid, limit 10, sequential requests over HTTP; embedded database (PGlite), local embedder.\n')
  } finally {
    await server.close()
    await payload.destroy()
    await database.stop()
    fs.rmSync(workDir, { force: true, recursive: true })
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
