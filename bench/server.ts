/**
 * Start-up, memory and read latency of the production server on the embedded database.
 *
 *   npm run bench:server [-- --requests 1000 --concurrency 1,4]
 *
 * Builds Next.js if there is no build, then starts `server.ts` as `npm start` would (on a fresh data
 * directory that it migrates and seeds), and measures from this separate process:
 *   - cold start: spawn → first 200 from GET /api/blog-posts?limit=10, fresh and existing data directory
 *   - idle memory: RSS of the server and of the embedded database process, after the load has settled
 *   - latency: p50/p95/p99 of anonymous GET /api/blog-posts?limit=10 with N requests in flight
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { readLock } from '../src/db/embeddedPostgresLock'
import { embeddedPaths } from '../src/db/resolveDatabase'
import { log, numberOption, option, percentile } from './common'
import { ensureBuild, firstResponse, startServer, stopServer } from './productionServer'

const requests = numberOption('requests', 1000)
const concurrencies = option('concurrency', '1,4').split(',').map(Number)
const target = '/api/blog-posts?limit=10'

const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

async function measureLatency(port: number, concurrency: number) {
  const url = `http://127.0.0.1:${port}${target}`
  for (let i = 0; i < 50; i++) await (await fetch(url)).arrayBuffer() // warm-up
  const timings: number[] = []
  let errors = 0
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++
        const t0 = performance.now()
        const res = await fetch(url)
        await res.arrayBuffer()
        timings.push(performance.now() - t0)
        if (res.status !== 200) errors++
        if (timings.length % 200 === 0) log(`  ${timings.length}/${requests} requests`)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  timings.sort((a, b) => a - b)
  return {
    errors,
    p50: percentile(timings, 50),
    p95: percentile(timings, 95),
    p99: percentile(timings, 99),
    rps: timings.length / seconds,
  }
}

async function main() {
  ensureBuild()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-'))
  try {
    log('cold start on a fresh data directory (creates, migrates and seeds the database)')
    let server = await startServer(dataDir)
    const freshMs = await firstResponse(server, target)
    await stopServer(server)

    log('cold start on the existing data directory')
    server = await startServer(dataDir)
    const warmMs = await firstResponse(server, target)

    const latencies = []
    for (const concurrency of concurrencies) {
      log(`latency: ${requests} anonymous requests, ${concurrency} in flight`)
      latencies.push({ concurrency, ...(await measureLatency(server.port, concurrency)) })
    }

    log('idle memory: waiting 10 s for the load to settle')
    await new Promise((resolve) => setTimeout(resolve, 10_000))
    const dbPid = readLock(embeddedPaths(dataDir).lockFile)!.pid
    const serverRss = rssMb(server.child.pid!)
    const dbRss = rssMb(dbPid)
    await stopServer(server)

    const f = (n: number) => n.toFixed(1)
    console.log(`
| measure | value |
| --- | --- |
| cold start, fresh data directory (init + migrate + seed), spawn to first 200 | ${f(freshMs / 1000)} s |
| cold start, existing data directory, spawn to first 200 | ${f(warmMs / 1000)} s |
| idle RSS, server process (Node.js + Next.js + Payload) | ${f(serverRss)} MB |
| idle RSS, embedded database process (PGlite) | ${f(dbRss)} MB |
${latencies
  .map(
    (
      l,
    ) => `| GET ${target} anonymous, ${l.concurrency} in flight: p50 / p95 / p99 | ${f(l.p50)} / ${f(l.p95)} / ${f(l.p99)} ms |
| the same: throughput, errors | ${f(l.rps)} req/s, ${l.errors} of ${requests} |`,
  )
  .join('\n')}

node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`)
  } finally {
    fs.rmSync(dataDir, { force: true, recursive: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
