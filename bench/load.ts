/**
 * The production server under load from autocannon, on the embedded database and on native PostgreSQL:
 *
 *   npm run bench:load [-- --seconds 10 --warmup 2 --engines embedded,native --rows home,search --clients 1,20]
 *
 * For each engine it starts `server.ts` in production mode (built if needed) on a fresh data directory
 * that it migrates and seeds (`embedded`: the server's own embedded database; `native`: a throwaway
 * PostgreSQL cluster with pgvector, which tests/setup/ensureNativePostgres.sh installs, reached through
 * DATABASE_URL), with the extractive chat, the local embedder and rate limits too high to refuse the
 * load. Once the seed is indexed (a search for "tidewater" finds it), each row is checked with one
 * request, warmed up for `--warmup` seconds and then loaded for `--seconds` at each count of concurrent
 * connections in `--clients`. The server runs in its own process; autocannon runs in this one.
 *
 * Rows (`--rows` picks some by name): home (GET /), project (GET /projects/<Tidewater's slug>),
 * blog-posts (GET /api/blog-posts?limit=10), search (GET /api/search?q=zero downtime migrations) and
 * chat (POST /api/chat, JSON). Every request says `Accept-Encoding: gzip`, as a browser does
 * (`--accept-encoding identity` leaves compression out).
 *
 * Progress goes to stderr; the table goes to stdout: throughput counts every response, p50, p95 and
 * p99 are computed from every response's time as autocannon reports it (its own histogram has no
 * p95), the CPU columns are the CPU time the web server's process and the database's processes used
 * during the row, per response (bench/processCpu.ts: what bounds a row), errors are connection errors
 * and timeouts, non-2xx the responses with another status.
 * It exits non-zero when a server fails or a row cannot be measured. Servers, the cluster and the data
 * directories are removed at the end, also on failure or Ctrl-C.
 */
import autocannon from 'autocannon'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { readLock } from '../src/db/embeddedPostgresLock'
import { embeddedPaths } from '../src/db/resolveDatabase'
import { startNativeCluster } from '../tests/helpers/nativePostgres'
import { ensureBuild } from '../tests/helpers/nextBuild'
import { nativeBenchSettings } from './benchDatabase'
import { machineLoad, numberOption, option, percentile } from './common'
import { postmasterPid, sampleCpu } from './processCpu'
import { type Server, startServer } from './productionServer'

type Engine = 'embedded' | 'native'

const seconds = numberOption('seconds', 10)
const warmupSeconds = numberOption('warmup', 2)
const clientCounts = option('clients', '1,20').split(',').map(Number)
const acceptEncoding = option('accept-encoding', 'gzip')
const engines = option('engines', 'embedded,native').split(',') as Engine[]
for (const engine of engines)
  if (engine !== 'embedded' && engine !== 'native')
    throw new Error(`--engines takes embedded and native, not ${engine}`)
if (!(seconds > 0) || !(warmupSeconds >= 0) || clientCounts.some((n) => !(n >= 1)))
  throw new Error('--seconds, --warmup and --clients must be positive numbers')

const progress = (message: string) => process.stderr.write(`[bench:load] ${message}\n`)

/** How long a fresh server may take to answer, and then to index the seed, on a busy machine. */
const startTimeoutMs = 300_000

type Row = {
  name: string
  label: string
  method: 'GET' | 'POST'
  path: string
  body?: string
  /** What one response must show before the row is loaded (beyond a 2xx status). */
  check?: (json: unknown) => string | undefined
}

const searchQuery = 'zero downtime migrations'
const chatQuestion = 'How do you run database migrations without downtime?'

const allRows = (projectSlug: string): Row[] => [
  { label: 'GET /', method: 'GET', name: 'home', path: '/' },
  { label: `GET /projects/${projectSlug}`, method: 'GET', name: 'project', path: `/projects/${projectSlug}` },
  {
    check: (json) => ((json as { docs?: unknown[] }).docs?.length ? undefined : 'no posts'),
    label: 'GET /api/blog-posts?limit=10',
    method: 'GET',
    name: 'blog-posts',
    path: '/api/blog-posts?limit=10',
  },
  {
    check: (json) => ((json as { results?: unknown[] }).results?.length ? undefined : 'no results'),
    label: `GET /api/search?q=${searchQuery}`,
    method: 'GET',
    name: 'search',
    path: `/api/search?q=${encodeURIComponent(searchQuery)}`,
  },
  {
    body: JSON.stringify({ message: chatQuestion }),
    check: (json) => ((json as { answer?: string }).answer ? undefined : 'no answer'),
    label: 'POST /api/chat (extractive)',
    method: 'POST',
    name: 'chat',
    path: '/api/chat',
  },
]

const rowNames = allRows('').map((row) => row.name)
const wantedRows = option('rows', rowNames.join(',')).split(',')
for (const name of wantedRows)
  if (!rowNames.includes(name)) throw new Error(`--rows takes ${rowNames.join(', ')}, not ${name}`)

type Measured = {
  engine: Engine
  row: string
  clients: number
  rps?: number
  p50?: number
  p95?: number
  p99?: number
  errors?: number
  non2xx?: number
  statuses?: string
  /** CPU milliseconds per response: the web server's process and the database's. */
  webCpu?: number
  databaseCpu?: number
  /** Why the row was not measured. */
  skipped?: string
}

const results: Measured[] = []
const engineNames: Record<string, string> = {}

/** Cleanups still to run, newest first; also run on SIGINT/SIGTERM. */
const cleanups: (() => Promise<void> | void)[] = []
async function runCleanups() {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!
    try {
      await cleanup()
    } catch (error) {
      progress(`cleanup failed: ${(error as Error).message}`)
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    progress(`${signal}: stopping servers and removing data`)
    void runCleanups().finally(() => process.exit(1))
  })

const serverExited = (server: Server) => server.child.exitCode !== null || server.child.signalCode !== null

/** SIGTERM, then SIGKILL after 30 s; then the embedded database's process if it outlived the server. */
async function stopServer(server: Server, dataDir: string) {
  if (!serverExited(server)) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve))
    server.child.kill('SIGTERM')
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
  }
  const database = readLock(embeddedPaths(dataDir).lockFile)
  if (database && database.pid !== process.pid) {
    progress(`the embedded database (pid ${database.pid}) outlived its server: stopping it`)
    process.kill(database.pid, 'SIGKILL')
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${response.status} from ${url}`)
  return response.json()
}

/** Polls until `ready` holds, failing when the server exits or the deadline passes. */
async function waitFor(server: Server, what: string, ready: () => Promise<boolean>) {
  const deadline = performance.now() + startTimeoutMs
  for (;;) {
    if (serverExited(server))
      throw new Error(`the server exited (${server.child.exitCode ?? server.child.signalCode}) ${what}`)
    try {
      if (await ready()) return
    } catch {
      // not listening yet, or not ready
    }
    if (performance.now() > deadline)
      throw new Error(`the server was not ready ${what} after ${startTimeoutMs / 1000} s`)
    await sleep(500)
  }
}

const headersFor = (row: Row): Record<string, string> => ({
  accept: 'application/json, text/html',
  'accept-encoding': acceptEncoding,
  ...(row.body ? { 'content-type': 'application/json' } : {}),
})

/** One request as the load will send it: a 2xx, and the row's own check. Returns why not, or undefined. */
async function checkRow(base: string, row: Row): Promise<string | undefined> {
  const response = await fetch(`${base}${row.path}`, {
    body: row.body,
    headers: { ...headersFor(row), 'accept-encoding': 'identity' },
    method: row.method,
  })
  const text = await response.text()
  if (!response.ok) return `${response.status}: ${text.slice(0, 200)}`
  if (!row.check) return undefined
  try {
    return row.check(JSON.parse(text))
  } catch {
    return `not JSON: ${text.slice(0, 200)}`
  }
}

type Run = {
  durationS: number
  errors: number
  non2xx: number
  result: autocannon.Result
  statuses: string
  times: number[]
}

/** One autocannon run of `row` for `duration` seconds; stopped early, and failing, if the server exits. */
async function load(server: Server, row: Row, connections: number, duration: number, label: string): Promise<Run> {
  const times: number[] = []
  let failed = false
  let instance!: autocannon.Instance
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        body: row.body,
        connections,
        duration,
        headers: headersFor(row),
        method: row.method,
        url: `http://127.0.0.1:${server.port}${row.path}`,
      },
      (error: unknown, result) => (error ? reject(error as Error) : resolve(result)),
    )
  })
  const onExit = () => {
    failed = true
    instance.stop()
  }
  server.child.once('exit', onExit)
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  const started = performance.now()
  const ticker = setInterval(() => {
    progress(`  ${label}: ${Math.round((performance.now() - started) / 1000)}/${duration} s, ${times.length} responses`)
  }, 5000)
  try {
    const result = await finished
    if (failed) throw new Error(`the server exited during ${label}`)
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([status, { count }]) => `${status}×${count ?? 0}`)
      .join(' ')
    return { durationS: result.duration, errors: result.errors, non2xx: result.non2xx, result, statuses, times }
  } finally {
    clearInterval(ticker)
    server.child.off('exit', onExit)
  }
}

/** A fresh database in a throwaway native cluster, with pgvector; its URL and a description of the server. */
async function nativeDatabase(): Promise<{ description: string; pid: () => number | undefined; url: string }> {
  // Directly under the temp dir: the cluster runs as its own user (as root, `postgres`), which must reach it.
  const clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-load-pg-'))
  cleanups.push(() => fs.rmSync(clusterDir, { force: true, recursive: true }))
  const cluster = await startNativeCluster(clusterDir, { settings: nativeBenchSettings })
  cleanups.push(() => cluster.stop())
  const admin = new pg.Client({ connectionString: cluster.url('postgres') })
  await admin.connect()
  await admin.query('create database askfolio')
  await admin.end()
  const client = new pg.Client({ connectionString: cluster.url('askfolio') })
  await client.connect()
  await client.query('create extension if not exists vector')
  const {
    rows: [info],
  } = await client.query<{ version: string; vector: string }>(
    "select current_setting('server_version') as version, (select extversion from pg_extension where extname = 'vector') as vector",
  )
  await client.end()
  const settings = Object.entries(nativeBenchSettings)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ')
  return {
    description: `native PostgreSQL ${info.version}, pgvector ${info.vector}, ${settings}, fsync off`,
    pid: () => postmasterPid(path.join(clusterDir, 'data')),
    url: cluster.url('askfolio'),
  }
}

async function runEngine(engine: Engine) {
  progress(`${engine}: starting`)
  let databaseUrl: string | undefined
  let databasePid: () => number | undefined = () => undefined
  if (engine === 'native') {
    const native = await nativeDatabase()
    databaseUrl = native.url
    databasePid = native.pid
    engineNames[engine] = native.description
  } else {
    // Its package.json is not among the package's exports.
    const manifest = path.join('node_modules', '@electric-sql', 'pglite', 'package.json')
    const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }
    engineNames[engine] = `embedded database (PGlite ${version}, in the server's child process)`
  }
  progress(`${engine}: ${engineNames[engine]}`)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `askfolio-bench-load-${engine}-`))
  cleanups.push(() => fs.rmSync(dataDir, { force: true, recursive: true }))
  const many = '1000000000'
  const server = await startServer(dataDir, {
    CHAT_PROVIDER: 'extractive',
    // All the load comes from one address: the limits are not what is measured here.
    CHAT_RATE_LIMIT_PER_IP: many,
    CHAT_RATE_LIMIT_PER_SESSION: many,
    EMBEDDINGS_PROVIDER: 'local',
    SEARCH_RATE_LIMIT_PER_IP: many,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  })
  cleanups.push(() => stopServer(server, dataDir))
  const base = `http://127.0.0.1:${server.port}`

  progress(`${engine}: waiting for the server (fresh data directory: migrate and seed)`)
  await waitFor(server, 'to answer /healthz', async () => (await fetch(`${base}/healthz`)).ok)
  progress(
    `${engine}: up after ${((performance.now() - server.startedAt) / 1000).toFixed(1)} s; waiting for the seed to be indexed`,
  )
  await waitFor(server, 'to index the seed', async () => {
    const { results = [] } = (await getJson(`${base}/api/search?q=tidewater`)) as { results?: unknown[] }
    return results.length > 0
  })
  await waitFor(server, 'to index the seed', async () => {
    const { results = [] } = (await getJson(`${base}/api/search?q=${encodeURIComponent(searchQuery)}`)) as {
      results?: unknown[]
    }
    return results.length > 0
  })
  await sleep(5000) // let the indexing queue drain
  progress(`${engine}: seed indexed after ${((performance.now() - server.startedAt) / 1000).toFixed(1)} s`)

  const { docs } = (await getJson(`${base}/api/projects?where[title][equals]=Tidewater&depth=0&limit=1`)) as {
    docs: { slug: string }[]
  }
  if (!docs[0]) throw new Error('the seeded project Tidewater is not published')
  const rows = allRows(docs[0].slug).filter((row) => wantedRows.includes(row.name))

  for (const row of rows) {
    const problem = await checkRow(base, row)
    if (problem) {
      progress(`${engine} ${row.label}: not measured: ${problem}`)
      for (const clients of clientCounts) results.push({ clients, engine, row: row.label, skipped: problem })
      continue
    }
    for (const clients of clientCounts) {
      const label = `${engine} ${row.label} ×${clients}`
      if (warmupSeconds > 0) await load(server, row, clients, warmupSeconds, `${label} warm-up`)
      await sleep(1000) // the requests autocannon left in flight
      progress(`${label}: ${seconds} s`)
      const before = sampleCpu(server.child.pid!, databasePid())
      const run = await load(server, row, clients, seconds, label)
      const after = sampleCpu(server.child.pid!, databasePid())
      const sorted = run.times.sort((a, b) => a - b)
      const measured: Measured = {
        clients,
        engine,
        errors: run.errors,
        non2xx: run.non2xx,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        row: row.label,
        rps: run.times.length / run.durationS,
        statuses: run.statuses,
        databaseCpu: (after.database - before.database) / Math.max(1, run.times.length),
        webCpu: (after.web - before.web) / Math.max(1, run.times.length),
      }
      results.push(measured)
      progress(
        `${label}: ${measured.rps!.toFixed(1)} req/s, p50 ${measured.p50?.toFixed(1)} ms, p95 ${measured.p95?.toFixed(1)} ms, ${run.errors} errors, statuses ${run.statuses || 'none'}`,
      )
    }
  }
  progress(`${engine}: stopping the server`)
  // This engine's cleanups (server, data directory, cluster) now, before the next engine starts.
  await runCleanups()
}

const ms = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(value < 10 ? 1 : 0)} ms`)

function table(): string {
  const lines = [
    '| engine | row | clients | req/s | p50 | p95 | p99 | web CPU / req | database CPU / req | errors | non-2xx |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const r of results) {
    if (r.skipped) {
      lines.push(
        `| ${r.engine} | ${r.row} | ${r.clients} | not measured: ${r.skipped.replaceAll('|', '/')} | | | | | | | |`,
      )
      continue
    }
    lines.push(
      `| ${r.engine} | ${r.row} | ${r.clients} | ${r.rps!.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.webCpu)} | ${ms(r.databaseCpu)} | ${r.errors} | ${r.non2xx}${r.non2xx ? ` (${r.statuses})` : ''} |`,
    )
  }
  const ratios: string[] = []
  for (const row of results.filter((r) => r.engine === 'native' && /search|chat/.test(r.row) && r.rps)) {
    const embedded = results.find((r) => r.engine === 'embedded' && r.row === row.row && r.clients === row.clients)
    if (embedded?.rps) ratios.push(`| ${row.row} | ${row.clients} | ${(row.rps! / embedded.rps).toFixed(2)} |`)
  }
  if (ratios.length > 0) lines.push('', '| row | clients | native / embedded req/s |', '| --- | --- | --- |', ...ratios)
  return lines.join('\n')
}

async function main() {
  ensureBuild('.next', progress)
  let failure: unknown
  try {
    for (const engine of engines) await runEngine(engine)
  } catch (error) {
    failure = error
  } finally {
    await runCleanups()
  }
  const require = createRequire(import.meta.url)
  const { version } = require('autocannon/package.json') as { version: string }
  console.log(`
${table()}

${Object.entries(engineNames)
  .map(([engine, name]) => `${engine}: ${name}`)
  .join('\n')}
autocannon ${version} in the bench process, the server in its own; ${seconds} s per row after ${warmupSeconds} s of warm-up; Accept-Encoding: ${acceptEncoding}
node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${machineLoad()} at the end`)
  if (failure) throw failure
  if (results.some((r) => r.skipped)) throw new Error('some rows could not be measured')
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
