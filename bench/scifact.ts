/**
 * Retrieval quality on SciFact (BEIR test split), through the app's own indexing and search code.
 *
 *   npm run bench:scifact [-- --data ../shared/bench/scifact --keep /tmp/scifact-db]
 *
 * Loads the 5,183 abstracts as published blog posts into a fresh embedded database, indexes them with
 * the real pipeline (reindex: read as a visitor, chunk, embed, store), then runs the 300 test claims
 * through searchIndex in full-text, vector and hybrid modes and reports nDCG@10 and recall@100 at the
 * document level. With --keep, the database is kept in that folder and reused by the next run.
 * The dataset is read from --data; it is never copied into this repository.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { progressBar } from '../src/cli/progressBar'
import { log, option, percentile, readJsonl, runMain } from './common'
import { useEmbeddedDatabase } from './embeddedApp'
import { loadQrels, ndcg, recall } from './scifactMetrics'

const dataDir = path.resolve(option('data', path.join('..', 'shared', 'bench', 'scifact')))
const keep = option('keep', '')
// `none`: full text only (the offline default); `local`: the hashing embedder too, for the vector and hybrid modes.
const embedder = option('embedder', 'local')
const depth = option('depth', '')

type Doc = { _id: string; text: string; title: string }

async function main() {
  if (!fs.existsSync(path.join(dataDir, 'corpus.jsonl')))
    throw new Error(`SciFact not found in ${dataDir} (pass --data)`)
  const workDir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-scifact-'))
  fs.mkdirSync(workDir, { recursive: true })
  const reuse = fs.existsSync(path.join(workDir, 'loaded'))
  const db = await useEmbeddedDatabase(workDir, {
    EMBEDDINGS_PROVIDER: embedder,
    ...(depth ? { SEARCH_POSTINGS_PER_WORD: depth } : {}),
  })
  const { BasePayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { migrations } = await import('../migrations')
  const { reindexEverything } = await import('@askfolio/payload-retrieval')
  const { searchIndex } = await import('../packages/payload-retrieval/src/search/searchIndex')
  const { getRetrievalContext } = await import('../packages/payload-retrieval/src/context')
  const payload = await new BasePayload().init({ config })

  try {
    const corpus = readJsonl<Doc>(path.join(dataDir, 'corpus.jsonl'))
    let indexing = ''
    if (!reuse) {
      await payload.db.migrate({ migrations: migrations as never })
      const bar = progressBar('load', corpus.length)
      for (const doc of corpus) {
        const paragraph = { children: [{ text: doc.text, type: 'text', version: 1 }], type: 'paragraph', version: 1 }
        await payload.create({
          collection: 'blog-posts',
          data: {
            _status: 'published',
            content: {
              root: { children: [paragraph], direction: null, format: '', indent: 0, type: 'root', version: 1 },
            } as never,
            slug: `scifact-${doc._id}`,
            title: doc.title || `Abstract ${doc._id}`,
          },
          overrideAccess: true,
        })
        bar.tick()
      }
      bar.finish()
      await payload.delete({ collection: 'payload-jobs', overrideAccess: true, where: { id: { exists: true } } })
      let reindexBar: ReturnType<typeof progressBar> | undefined
      const started = performance.now()
      const result = await reindexEverything(payload, {
        batchSize: 50,
        onProgress: (p) => {
          reindexBar ??= progressBar('index', p.total)
          reindexBar.update(p.processed)
        },
      })
      const seconds = (performance.now() - started) / 1000
      reindexBar?.finish()
      const { sql } = await import('@payloadcms/db-postgres/drizzle')
      const { databaseOf, queryRows } = await import('../packages/payload-retrieval/src/store/database')
      const [{ chunks }] = await queryRows<{ chunks: number }>(
        databaseOf(payload),
        sql`select count(*)::int as chunks from retrieval_chunks`,
      )
      indexing = `${chunks} chunks (${result.embedded} embedded) from ${result.processed} documents in ${seconds.toFixed(0)} s (${(chunks / seconds).toFixed(1)} chunks/s)`
      fs.writeFileSync(path.join(workDir, 'loaded'), indexing)
    } else {
      indexing = fs.readFileSync(path.join(workDir, 'loaded'), 'utf8')
      log(`reusing the loaded database in ${workDir}`)
    }

    const idBySlug = new Map<string, string>()
    for (let page = 1; ; page++) {
      const found = await payload.find({
        collection: 'blog-posts',
        depth: 0,
        limit: 1000,
        overrideAccess: true,
        page,
        select: { slug: true } as never,
      })
      for (const doc of found.docs as { id: number; slug?: string }[])
        idBySlug.set(String(doc.id), String(doc.slug).replace(/^scifact-/, ''))
      if (!found.hasNextPage) break
    }

    const qrels = loadQrels(dataDir)
    const queries = readJsonl<{ _id: string; text: string }>(path.join(dataDir, 'queries.jsonl')).filter((q) =>
      qrels.has(q._id),
    )
    const context = getRetrievalContext(payload)
    const rows: string[] = []
    for (const mode of context.embedder ? (['fullText', 'vector', 'hybrid'] as const) : (['fullText'] as const)) {
      let ndcgSum = 0
      let recallSum = 0
      const times: number[] = []
      const bar = progressBar(mode, queries.length)
      for (const query of queries) {
        const started = performance.now()
        const hits = await searchIndex(payload, context, query.text, { collections: ['blog-posts'], limit: 100, mode })
        times.push(performance.now() - started)
        const ranked = hits.map((hit) => idBySlug.get(hit.id)!).filter(Boolean)
        ndcgSum += ndcg(ranked, qrels.get(query._id)!, 10)
        recallSum += recall(ranked, qrels.get(query._id)!, 100)
        bar.tick()
      }
      bar.finish()
      times.sort((a, b) => a - b)
      rows.push(
        `| ${mode} | ${(ndcgSum / queries.length).toFixed(3)} | ${(recallSum / queries.length).toFixed(3)} | ${percentile(times, 50).toFixed(0)} ms |`,
      )
    }
    const { fusion } = context
    console.log(`
Indexing: ${indexing}. ${context.embedder ? `Embedder ${context.embedder.id} (${context.embedder.dimensions} dimensions); fusion weights full-text ${fusion.fullText}, vector ${fusion.vector}, k ${fusion.k}` : 'No embedder: full text only'}; ${context.postingsPerWord} postings per query word.

| mode | nDCG@10 | recall@100 | p50 latency (limit 100) |
| --- | --- | --- | --- |
${rows.join('\n')}

${queries.length} test queries, ${corpus.length} documents.`)
  } finally {
    await payload.destroy()
    await db.stop()
    if (!keep) fs.rmSync(workDir, { force: true, recursive: true })
  }
}

runMain(main)
