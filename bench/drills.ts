import { sql } from '@payloadcms/db-postgres/drizzle'
/**
 * Fault drills under load, in the production layout:
 *
 *   npm run bench:drills [-- --db native|embedded --web 2 --clients 20 --seconds 60 --documents 200]
 *
 * A database reached only through DATABASE_URL (native PostgreSQL when installed, else a second
 * embedded instance), `web` production servers with JOBS_AUTORUN=false, one `npm run worker`, and
 * the OpenAI-format stand-in as the embeddings API. While a load tool in another process sends
 * /api/chat and /api/search from `clients` concurrent visitors for `seconds`, and an editor saves
 * twice a second, the drill: starts a bulk reindex and kills the worker with SIGKILL half-way
 * (a new worker starts 2 s later); takes the embeddings API down (503) for 15 s; stops the database
 * for 5 s and starts it again. Then it waits for the index to match the content exactly, and checks
 * that every save the editor was told about is in the database. It prints what it saw.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { compareIndex } from '../tests/helpers/compareIndex'
import { freePort } from '../tests/helpers/freePort'
import { nativePostgresInstalled } from '../tests/helpers/nativePostgres'
import { startOpenAIStandIn } from '../tests/helpers/openaiStandIn'
import { log, numberOption, option } from './common'
import { startDrillDatabase } from './drillDatabase'
import { startEditor } from './drillEditor'
import { ensureBuild } from './productionServer'

const kind = option('db', nativePostgresInstalled() ? 'native' : 'embedded') as 'embedded' | 'native'
const webCount = numberOption('web', 2)
const clients = numberOption('clients', 20)
const seconds = numberOption('seconds', 60)
const documents = numberOption('documents', 200)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const at = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`

ensureBuild()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-drill-'))
const standIn = await startOpenAIStandIn()
const db = await startDrillDatabase(kind, dir)
const admin = { email: 'admin@example.com', password: 'drill admin password' }
const env: Record<string, string> = {
  ...db.env,
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
  CHAT_PROVIDER: 'extractive',
  CHAT_RATE_LIMIT_PER_IP: '1000000',
  CHAT_RATE_LIMIT_PER_SESSION: '1000000',
  DATA_DIR: dir,
  EMAIL_DIGEST: 'off',
  EMBEDDINGS_PROVIDER: 'openai',
  // Short settings so the drill's recoveries fit in minutes (defaults: 4 attempts, 2 s, every 5 min, 120 s).
  INDEX_RETRY_ATTEMPTS: '2',
  INDEX_RETRY_DELAY_MS: '1000',
  INDEX_RETRY_FAILED_CRON: '*/15 * * * * *',
  JOBS_LEASE_SECONDS: '10',
  LOG_REQUESTS: 'false',
  MEDIA_DIR: path.join(dir, 'media'),
  OPENAI_API_KEY: 'drill',
  OPENAI_BASE_URL: standIn.url,
  OPENAI_MAX_RETRIES: '1',
  PAYLOAD_SECRET: 'drill-secret',
  SEARCH_RATE_LIMIT_PER_IP: '1000000',
}
Object.assign(process.env, env, { JOBS_AUTORUN: 'false' })
log(`database: ${kind}; ${webCount} web, 1 worker; load ${clients} clients for ${seconds} s; work in ${dir}`)

const nodeArgs = (script: string) => ['--import', 'tsx', script]
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [...nodeArgs('src/cli/withDatabase.ts'), ...args], {
    env: { ...process.env, NODE_OPTIONS: '--conditions=development' },
    stdio: 'ignore',
  })
log('migrating and seeding')
cli('payload', 'migrate')
cli('node', '--import', 'tsx', 'src/seed/run.ts')

const { getPayload } = await import('payload')
const payload = await getPayload({ config: (await import('../payload.config')).default })
log(`adding ${documents} projects, then emptying the index so the reindex has work to do`)
const words =
  'canal lock weir barge towpath sluice harbour ledger webhook queue index migration gateway river tide station'.split(
    ' ',
  )
for (let i = 0; i < documents; i++) {
  const text = Array.from({ length: 60 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ')
  await payload.create({
    collection: 'projects',
    data: { _status: 'published', summary: `Drill project ${i}: ${text}.`, title: `Drill project ${i}` },
    overrideAccess: true,
  })
}
await payload.delete({ collection: 'payload-jobs', overrideAccess: true, where: { queue: { equals: 'retrieval' } } })
await payload.db.drizzle.execute(sql`delete from retrieval_chunks`)

const logFile = (name: string) => fs.openSync(path.join(dir, `${name}.log`), 'a')
const processEnv = (extra: Record<string, string>) => ({ ...process.env, ...env, ...extra })
const startWorker = () =>
  spawn(process.execPath, nodeArgs('src/cli/worker.ts'), {
    env: processEnv({ NODE_OPTIONS: '--conditions=development' }),
    stdio: ['ignore', logFile('worker'), logFile('worker')],
  })
const webPorts = await Promise.all(Array.from({ length: webCount }, () => freePort()))
const web: ChildProcess[] = webPorts.map((port, i) =>
  spawn(process.execPath, nodeArgs('server.ts'), {
    env: processEnv({
      JOBS_AUTORUN: 'false',
      MIGRATE_ON_START: 'false',
      NODE_ENV: 'production',
      NODE_OPTIONS: '--conditions=production',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SEED: 'false',
    }),
    stdio: ['ignore', logFile(`web-${i}`), logFile(`web-${i}`)],
  }),
)
let worker = startWorker()
const bases = webPorts.map((port) => `http://127.0.0.1:${port}`)
for (const base of bases) {
  for (;;) {
    const ok = await fetch(`${base}/api/search?q=canal`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    await sleep(250)
  }
}
const login = await fetch(`${bases[0]}/api/users/login`, {
  body: JSON.stringify(admin),
  headers: { 'Content-Type': 'application/json' },
  method: 'POST',
})
const { token } = (await login.json()) as { token: string }
const posts = (
  await payload.find({
    collection: 'blog-posts',
    depth: 0,
    limit: 6,
    overrideAccess: true,
    where: { _status: { equals: 'published' } },
  })
).docs.map((doc) => doc.id)
log(`ready: ${bases.join(', ')}`)

// The load, from another process.
const t0 = performance.now()
const since = Date.now()
const load = spawn(
  process.execPath,
  [
    ...nodeArgs('bench/loadClient.ts'),
    '--base',
    bases.join(','),
    '--clients',
    String(clients),
    '--seconds',
    String(seconds),
    '--since',
    String(since),
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
let loadOutput = ''
load.stdout!.on('data', (chunk: Buffer) => (loadOutput += chunk.toString()))
const loadDone = new Promise<void>((resolve) => load.once('exit', () => resolve()))
const editor = startEditor(bases, token, posts)
const events: string[] = []
const note = (message: string) => {
  events.push(`${at(t0)}: ${message}`)
  log(`${at(t0)}: ${message}`)
}

// 1. kill -9 in the middle of a bulk reindex.
standIn.setDelay(300)
const started = await fetch(`${bases[0]}/api/retrieval/reindex`, {
  headers: { Authorization: `JWT ${token}` },
  method: 'POST',
})
const runId = ((await started.json()) as { run: { id: number } }).run.id
const readRun = async () =>
  (await payload.findByID({ collection: 'retrieval-runs', id: runId, overrideAccess: true })) as {
    processed?: number
    state: string
    total?: number
  }
note(`bulk reindex started (run ${runId}, ${started.status})`)
while (((await readRun()).processed ?? 0) < 50) await sleep(200)
worker.kill('SIGKILL')
const killedAt = (await readRun()).processed
note(`worker killed with SIGKILL at ${killedAt}/${(await readRun()).total} documents`)
await sleep(2000)
worker = startWorker()
note('new worker started')
void (async () => {
  while (((await readRun().catch(() => null))?.processed ?? 0) <= (killedAt ?? 0)) await sleep(250)
  note('the reindex run moved on again (its job given back after the lease)')
})()

// 2. The embeddings API down for 15 s.
await sleep(Math.max(0, 20_000 - (performance.now() - t0)))
standIn.failNext({ status: 503 }, 1_000_000)
note('embeddings API answering 503')
await sleep(15_000)
standIn.reset()
note('embeddings API back')

// 3. The database stopped for 5 s.
await sleep(Math.max(0, 40_000 - (performance.now() - t0)))
await db.stop()
note('database stopped')
await sleep(5000)
await db.start()
note('database started again')

await loadDone
await editor.stop()
note('load and editor finished')
const lastFault = performance.now()
const converged = async () => (await readRun()).state === 'done' && (await compareIndex(payload)).length === 0
let convergedIn: null | number = null
for (let i = 0; i < 300; i++) {
  if (await converged().catch(() => false)) {
    convergedIn = (performance.now() - lastFault) / 1000
    break
  }
  await sleep(1000)
}
const differences = convergedIn === null ? await compareIndex(payload) : []
const saves = await editor.verify(payload)
const run = await readRun()

for (const child of [...web, worker]) child.kill('SIGTERM')
await Promise.all(
  [...web, worker].map(
    (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
  ),
)
;(payload.db as { pool?: { end: () => Promise<void> } }).pool?.end().catch(() => {})
await payload.destroy()
await db.stop()
await standIn.close()

const result = JSON.parse(loadOutput.trim().split('\n').at(-1) ?? '{}')
console.log(
  `\nFault drills (${kind} database, ${webCount} web + 1 worker, ${clients} clients, ${seconds} s), node ${process.version}, ${os.cpus().length} cores`,
)
for (const event of events) console.log(`  ${event}`)
console.log(`load: ${JSON.stringify(result)}`)
console.log(`reindex run ${runId}: ${run.state}, ${run.processed}/${run.total} documents (killed at ${killedAt})`)
console.log(
  `index ${convergedIn === null ? `did NOT converge within 300 s: ${differences.slice(0, 5).join('; ')}` : `matched the content exactly ${convergedIn.toFixed(1)} s after the load ended`}`,
)
console.log(
  `editor: ${saves.acknowledged} saves and ${saves.created} new posts acknowledged; failed attempts ${JSON.stringify(saves.failedAttempts)}; lost: ${saves.lost.length === 0 ? 'none' : saves.lost.join('; ')}`,
)
fs.rmSync(dir, { force: true, recursive: true })
process.exit(saves.lost.length === 0 && convergedIn !== null ? 0 : 1)
