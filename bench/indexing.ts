/**
 * Indexing figures, with no embedder (the offline default) or the local one (`--embedder local`), on the
 * embedded database or a native PostgreSQL:
 *
 *   npm run bench:indexing [-- --db embedded|native --workers 1,2 --posts 200 --saves 100 --publishes 30 --skip-server]
 *
 * In this process: the seeded site plus synthetic posts, created with the job runner off; then bulk
 * indexing throughput (chunks/s) with N worker processes at once (--workers, more than one on native
 * PostgreSQL only), each indexing its share of the reindex targets with indexDocuments in batches
 * of 25, the index emptied before each run (clearIndex.ts) and checked against the content after it;
 * then the embeddings a one-paragraph edit of a 30-chunk post costs. Against the production server
 * (built if needed; skipped with --skip-server): time from publish to indexed (p50/p95), and an
 * editor's save latency with the retrieval plugin on and off; on native PostgreSQL each server gets
 * a fresh database of the same cluster.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { progressBar } from '../src/cli/progressBar'
import { compareIndex } from '../tests/helpers/compareIndex'
import { type BenchDatabase, describeEngine, engineOption, useBenchDatabase } from './benchDatabase'
import { clearIndex } from './clearIndex'
import { log, machineLoad, numberOption, option, percentile as sortedPercentile, runMain } from './common'
import { type BulkRun, indexWithWorkers } from './indexWithWorkers'
import {
  ensureBuild,
  firstResponse,
  type Server as ProductionServer,
  startServer,
  stopServer,
} from './productionServer'
import { sentencePool } from './sentencePool'

const engine = engineOption()
const workerCounts = option('workers', '1').split(',').map(Number)
const skipServer = process.argv.includes('--skip-server')
const postCount = numberOption('posts', 200)
const saveCount = numberOption('saves', 100)
const publishCount = numberOption('publishes', 30)
const percentile = (values: number[], p: number) =>
  sortedPercentile(
    [...values].sort((a, b) => a - b),
    p,
  )
const f = (n: number) => n.toFixed(1)

if (workerCounts.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`--workers takes whole numbers, as in 1,2 (not ${option('workers', '')})`)
// The embedded database runs one query at a time for every connection: more workers only take turns.
if (engine === 'embedded' && workerCounts.some((n) => n > 1)) throw new Error('--workers above 1 needs --db native')

function syntheticMarkdown(pool: string[], seed: number, sections: number, paragraphs = 2) {
  let n = seed
  const next = () => pool[(n = (n * 1103515245 + 12345) % 2147483648) % pool.length]
  return Array.from({ length: sections }, (_, s) =>
    [`## Section ${s + 1}`, ...Array.from({ length: paragraphs }, () => [next(), next(), next()].join(' '))].join(
      '\n\n',
    ),
  ).join('\n\n')
}

async function inProcess() {
  const { BasePayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { migrations } = await import('../migrations')
  const { seed } = await import('../src/seed/seed')
  const { markdownToRichText } = await import('../src/seed/markdownToRichText')
  const { databaseOf } = await import('../packages/payload-retrieval/src/store/database')
  const payload = await new BasePayload().init({ config })
  try {
    await payload.db.migrate({ migrations: migrations as never })
    const engineLine = await describeEngine(engine, databaseOf(payload))
    log(engineLine)
    await seed(payload, { adminEmail: 'bench@example.com', adminPassword: 'benchmark password', quiet: true })
    const richText = await markdownToRichText(payload.config)
    const pool = await sentencePool()
    const bar = progressBar('posts', postCount)
    for (let i = 0; i < postCount; i++) {
      await payload.create({
        collection: 'blog-posts',
        data: {
          _status: 'published',
          content: richText(syntheticMarkdown(pool, i + 1, 4)),
          excerpt: pool[i % pool.length],
          title: `Synthetic post ${i + 1}`,
        },
        overrideAccess: true,
      })
      bar.tick()
    }
    bar.finish()
    await payload.delete({ collection: 'payload-jobs', overrideAccess: true, where: { id: { exists: true } } })

    const runs: BulkRun[] = []
    for (const workers of workerCounts) {
      await clearIndex(payload)
      log(
        `bulk indexing everything with ${workers} worker process${workers > 1 ? 'es' : ''} (embedder: ${process.env.EMBEDDINGS_PROVIDER}); ${machineLoad()}`,
      )
      const run = await indexWithWorkers(workers)
      const differences = await compareIndex(payload)
      if (differences.length > 0)
        throw new Error(
          `after ${workers} worker(s) the index does not match the content:\n${differences.slice(0, 10).join('\n')}`,
        )
      log(
        `${workers} worker(s): ${run.chunks} chunks (${run.embedded} embedded) from ${run.documents} documents in ${f(run.seconds)} s (${f(run.chunks / run.seconds)} chunks/s)`,
      )
      runs.push(run)
    }

    log('one-paragraph edit of a 30-chunk post')
    const sections = (five: string) =>
      Array.from({ length: 30 }, (_, i) => `## Part ${i + 1}\n\n${i === 4 ? five : `${pool[i]} ${pool[i + 30]}`}`).join(
        '\n\n',
      )
    const long = await payload.create({
      collection: 'blog-posts',
      data: {
        _status: 'published',
        content: richText(sections('The fifth part says one thing.')),
        title: 'Thirty parts',
      },
      overrideAccess: true,
    })
    await payload.jobs.run({ queue: 'retrieval' })
    await payload.update({
      collection: 'blog-posts',
      data: { content: richText(sections('The fifth part now says another.')) },
      id: long.id,
      overrideAccess: true,
    })
    await payload.jobs.run({ queue: 'retrieval' })
    const status = (
      await payload.find({
        collection: 'retrieval-status',
        overrideAccess: true,
        where: { source: { equals: 'blog-posts' }, sourceId: { equals: String(long.id) } },
      })
    ).docs[0]
    return { editChunks: status.chunks ?? 0, editEmbedded: status.embedded ?? 0, engineLine, runs }
  } finally {
    await payload.destroy()
  }
}

type Server = ProductionServer & { base: string; dataDir: string }

async function startBenchServer(database: BenchDatabase, retrieval: boolean): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-server-'))
  // On native PostgreSQL a fresh database of the cluster; otherwise the server's own embedded database.
  const url = await database.createDatabase?.(`server_${retrieval ? 'on' : 'off'}`)
  const server = await startServer(dataDir, {
    EMBEDDINGS_PROVIDER: 'local',
    JOBS_AUTORUN: 'true',
    RETRIEVAL_DISABLED: retrieval ? 'false' : 'true',
    ...(url ? { DATABASE_URL: url } : {}),
  })
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
    const res = await fetch(`${server.base}/api/blog-posts/${post.id}?depth=0`, {
      body: JSON.stringify({ excerpt: `Edited ${i}: ${post.excerpt}` }),
      headers,
      method: 'PATCH',
    })
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
      body: JSON.stringify({
        _status: 'published',
        summary: `A project published by the benchmark, number ${i}.`,
        title: `Benchmark project ${i}`,
      }),
      headers,
      method: 'POST',
    })
    const id = (await res.json()).doc.id
    for (;;) {
      const status = await (
        await fetch(`${server.base}/api/retrieval/status?collection=projects&id=${id}`, { headers })
      ).json()
      if (status.state === 'indexed' && !status.pending) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    times.push(performance.now() - started)
    bar.tick()
  }
  bar.finish()
  return times
}

/** Publish-to-indexed and save latencies against the production server, with the plugin on and off. */
async function againstServer(database: BenchDatabase) {
  ensureBuild()
  log('server with the retrieval plugin on')
  let server = await startBenchServer(database, true)
  const publish = await publishToIndexed(server)
  const savesOn = await saveLatencies(server)
  await stopBenchServer(server)
  log('server with the retrieval plugin off (RETRIEVAL_DISABLED=true)')
  server = await startBenchServer(database, false)
  const savesOff = await saveLatencies(server)
  await stopBenchServer(server)
  return { publish, savesOff, savesOn }
}

async function main() {
  const started = performance.now()
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-indexing-'))
  const database = await useBenchDatabase(engine, workDir)
  let indexing: Awaited<ReturnType<typeof inProcess>>
  let server: Awaited<ReturnType<typeof againstServer>> | undefined
  try {
    indexing = await inProcess()
    if (!skipServer) server = await againstServer(database)
  } finally {
    await database.stop()
    fs.rmSync(workDir, { force: true, recursive: true })
  }

  const [first] = indexing.runs
  const rows = [
    ...indexing.runs.flatMap((run) => [
      `| bulk indexing, ${run.workers} worker process${run.workers > 1 ? 'es' : ''}: documents, chunks stored, chunks embedded | ${run.documents}, ${run.chunks}, ${run.embedded} |`,
      `| bulk indexing throughput, ${run.workers} worker${run.workers > 1 ? 's' : ''} | ${f(run.chunks / run.seconds)} chunks/s (${f(run.seconds)} s; each worker ${run.workerSeconds.map(f).join(' / ')} s) |`,
    ]),
    ...indexing.runs
      .slice(1)
      .map(
        (run) =>
          `| throughput ratio ${run.workers} workers / ${first.workers} | ${(run.chunks / run.seconds / (first.chunks / first.seconds)).toFixed(2)} |`,
      ),
    `| one-paragraph edit of a ${indexing.editChunks}-chunk post: chunks embedded | ${indexing.editEmbedded} |`,
    ...(server
      ? [
          `| publish to indexed (server, job runner polling every second), p50 / p95 | ${f(percentile(server.publish, 50))} / ${f(percentile(server.publish, 95))} ms |`,
          `| editor save (PATCH a blog post), plugin on: p50 / p95 | ${f(percentile(server.savesOn, 50))} / ${f(percentile(server.savesOn, 95))} ms |`,
          `| editor save, plugin off: p50 / p95 | ${f(percentile(server.savesOff, 50))} / ${f(percentile(server.savesOff, 95))} ms |`,
          `| save latency ratio on / off (p50) | ${(percentile(server.savesOn, 50) / percentile(server.savesOff, 50)).toFixed(2)} |`,
        ]
      : []),
  ]
  console.log(`
| measure | value |
| --- | --- |
${rows.join('\n')}

${indexing.engineLine}
node ${process.version}, ${machineLoad()} at the end, ${postCount} synthetic posts${server ? `, ${saveCount} saves, ${publishCount} publishes` : ' (production server skipped)'}`)
  log(`bench:indexing --db ${engine} took ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

runMain(main)
