/**
 * Indexing figures, on the embedded database with the local embedder:
 *
 *   npm run bench:indexing [-- --posts 200 --saves 100 --publishes 30]
 *
 * In this process: bulk indexing throughput (chunks/s) over the seeded site plus synthetic posts, and
 * the embeddings a one-paragraph edit of a 30-chunk post costs. Against the production server (built
 * if needed): time from publish to indexed (p50/p95), and an editor's save latency with the retrieval
 * plugin on and off.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { progressBar } from '../src/cli/progressBar'
import { useEmbeddedDatabase } from './embeddedApp'
import { log, numberOption, percentile as sortedPercentile } from './common'
import { ensureBuild, firstResponse, type Server as ProductionServer, startServer, stopServer } from './productionServer'

const postCount = numberOption('posts', 200)
const saveCount = numberOption('saves', 100)
const publishCount = numberOption('publishes', 30)
const percentile = (values: number[], p: number) => sortedPercentile([...values].sort((a, b) => a - b), p)
const f = (n: number) => n.toFixed(1)

// Sentences to build synthetic posts from: varied, real prose (the seed's own).
const sentencePool = async () => {
  const { blogPosts } = await import('../src/seed/content/blogPosts')
  const { projects } = await import('../src/seed/content/projects')
  return [...blogPosts.map((p) => p.content), ...projects.map((p) => p.description)]
    .join(' ')
    .replace(/```[\s\S]*?```|^#+ .*$|^[-\d.]+ /gm, '')
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 40)
}

function syntheticMarkdown(pool: string[], seed: number, sections: number, paragraphs = 2) {
  let n = seed
  const next = () => pool[(n = (n * 1103515245 + 12345) % 2147483648) % pool.length]
  return Array.from({ length: sections }, (_, s) =>
    [`## Section ${s + 1}`, ...Array.from({ length: paragraphs }, () => [next(), next(), next()].join(' '))].join('\n\n'),
  ).join('\n\n')
}

async function inProcess() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-indexing-'))
  const db = await useEmbeddedDatabase(dataDir)
  const { BasePayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { migrations } = await import('../migrations')
  const { seed } = await import('../src/seed/seed')
  const { markdownToRichText } = await import('../src/seed/markdownToRichText')
  const { reindexEverything } = await import('../src/plugins/retrieval')
  const payload = await new BasePayload().init({ config })
  try {
    await payload.db.migrate({ migrations: migrations as never })
    await seed(payload, { adminEmail: 'bench@example.com', adminPassword: 'benchmark password', quiet: true })
    const richText = await markdownToRichText(payload.config)
    const pool = await sentencePool()
    const bar = progressBar('posts', postCount)
    for (let i = 0; i < postCount; i++) {
      await payload.create({
        collection: 'blog-posts',
        data: { _status: 'published', content: richText(syntheticMarkdown(pool, i + 1, 4)), excerpt: pool[i % pool.length], title: `Synthetic post ${i + 1}` },
        overrideAccess: true,
      })
      bar.tick()
    }
    bar.finish()
    await payload.delete({ collection: 'payload-jobs', overrideAccess: true, where: { id: { exists: true } } })

    log('bulk indexing everything (reindex) with the local embedder')
    let reindexBar: ReturnType<typeof progressBar> | undefined
    const started = performance.now()
    const result = await reindexEverything(payload, {
      onProgress: (p) => {
        reindexBar ??= progressBar('reindex', p.total)
        reindexBar.update(p.processed)
      },
    })
    const seconds = (performance.now() - started) / 1000
    reindexBar?.finish()

    log('one-paragraph edit of a 30-chunk post')
    const sections = (five: string) =>
      Array.from({ length: 30 }, (_, i) => `## Part ${i + 1}\n\n${i === 4 ? five : `${pool[i]} ${pool[i + 30]}`}`).join('\n\n')
    const long = await payload.create({
      collection: 'blog-posts',
      data: { _status: 'published', content: richText(sections('The fifth part says one thing.')), title: 'Thirty parts' },
      overrideAccess: true,
    })
    await payload.jobs.run({ queue: 'retrieval' })
    await payload.update({ collection: 'blog-posts', data: { content: richText(sections('The fifth part now says another.')) }, id: long.id, overrideAccess: true })
    await payload.jobs.run({ queue: 'retrieval' })
    const status = (await payload.find({ collection: 'retrieval-status', overrideAccess: true, where: { source: { equals: 'blog-posts' }, sourceId: { equals: String(long.id) } } })).docs[0]
    return { chunks: result.embedded, docs: result.processed, editChunks: status.chunks ?? 0, editEmbedded: status.embedded ?? 0, seconds }
  } finally {
    await payload.destroy()
    await db.stop()
    fs.rmSync(dataDir, { force: true, recursive: true })
  }
}

type Server = ProductionServer & { base: string; dataDir: string }

async function startBenchServer(retrieval: boolean): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-server-'))
  const server = await startServer(dataDir, { EMBEDDINGS_PROVIDER: 'local', JOBS_AUTORUN: 'true', RETRIEVAL_DISABLED: retrieval ? 'false' : 'true' })
  await firstResponse(server, '/api/blog-posts?limit=1')
  return { ...server, base: `http://127.0.0.1:${server.port}`, dataDir }
}

async function stopBenchServer(server: Server) {
  await stopServer(server)
  fs.rmSync(server.dataDir, { force: true, recursive: true })
}

async function signIn(base: string) {
  const res = await fetch(`${base}/api/users/login`, {
    body: JSON.stringify({ email: 'admin@example.com', password: 'benchmark admin password' }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  return { Authorization: `JWT ${(await res.json()).token}`, 'Content-Type': 'application/json' }
}

async function saveLatencies(server: Server): Promise<number[]> {
  const headers = await signIn(server.base)
  const post = (await (await fetch(`${server.base}/api/blog-posts?limit=1&depth=0`)).json()).docs[0]
  const times: number[] = []
  const bar = progressBar('saves', saveCount + 20)
  for (let i = 0; i < saveCount + 20; i++) {
    const started = performance.now()
    const res = await fetch(`${server.base}/api/blog-posts/${post.id}?depth=0`, { body: JSON.stringify({ excerpt: `Edited ${i}: ${post.excerpt}` }), headers, method: 'PATCH' })
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`save failed: ${res.status}`)
    if (i >= 20) times.push(performance.now() - started) // the first 20 warm up
    bar.tick()
    await new Promise((resolve) => setTimeout(resolve, 50)) // an editor's pace, not a flood
  }
  bar.finish()
  return times
}

async function publishToIndexed(server: Server): Promise<number[]> {
  const headers = await signIn(server.base)
  const times: number[] = []
  const bar = progressBar('publish', publishCount)
  for (let i = 0; i < publishCount; i++) {
    const started = performance.now()
    const res = await fetch(`${server.base}/api/projects?depth=0`, {
      body: JSON.stringify({ _status: 'published', summary: `A project published by the benchmark, number ${i}.`, title: `Benchmark project ${i}` }),
      headers,
      method: 'POST',
    })
    const id = (await res.json()).doc.id
    for (;;) {
      const status = await (await fetch(`${server.base}/api/retrieval/status?collection=projects&id=${id}`, { headers })).json()
      if (status.state === 'indexed' && !status.pending) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    times.push(performance.now() - started)
    bar.tick()
  }
  bar.finish()
  return times
}

async function main() {
  const indexing = await inProcess()
  ensureBuild()
  log('server with the retrieval plugin on')
  let server = await startBenchServer(true)
  const publish = await publishToIndexed(server)
  const savesOn = await saveLatencies(server)
  await stopBenchServer(server)
  log('server with the retrieval plugin off (RETRIEVAL_DISABLED=true)')
  server = await startBenchServer(false)
  const savesOff = await saveLatencies(server)
  await stopBenchServer(server)

  console.log(`
| measure | value |
| --- | --- |
| bulk indexing, local embedder: documents, chunks embedded | ${indexing.docs}, ${indexing.chunks} |
| bulk indexing throughput | ${f(indexing.chunks / indexing.seconds)} chunks/s (${f(indexing.seconds)} s) |
| one-paragraph edit of a ${indexing.editChunks}-chunk post: chunks embedded | ${indexing.editEmbedded} |
| publish to indexed (server, job runner polling every second), p50 / p95 | ${f(percentile(publish, 50))} / ${f(percentile(publish, 95))} ms |
| editor save (PATCH a blog post), plugin on: p50 / p95 | ${f(percentile(savesOn, 50))} / ${f(percentile(savesOn, 95))} ms |
| editor save, plugin off: p50 / p95 | ${f(percentile(savesOff, 50))} / ${f(percentile(savesOff, 95))} ms |
| save latency ratio on / off (p50) | ${(percentile(savesOn, 50) / percentile(savesOff, 50)).toFixed(2)} |

node ${process.version}, ${os.cpus().length} cores, ${postCount} synthetic posts, ${saveCount} saves, ${publishCount} publishes`)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
