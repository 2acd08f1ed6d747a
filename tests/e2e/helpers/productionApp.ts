/** The app as `npm run build && npm start` runs it, on a fresh embedded database with the demo content. */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../../helpers/freePort'
import { ensureBuild } from '../../helpers/nextBuild'

export type ProductionApp = {
  base: string
  /** Where its data lives; a second instance on the same database gets DATA_DIR and MEDIA_DIR from here. */
  dataDir: string
  output: () => string
  port: number
  stop: () => Promise<void>
}

// Its own build folder, so a developer's `.next` (dev or production) is left alone.
export const e2eDistDir = '.next/e2e'
export const adminPassword = 'e2e admin password'

/** Builds if the code changed since the last build, then starts server.ts in production mode. */
export async function startProductionApp(env: Record<string, string> = {}): Promise<ProductionApp> {
  ensureBuild(e2eDistDir, (message) => console.log(`[e2e] ${message}`))
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-e2e-'))
  const port = Number(env.PORT) || (await freePort())
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ADMIN_PASSWORD: adminPassword,
    CHAT_PROVIDER: 'extractive',
    DATA_DIR: dataDir,
    EMBEDDINGS_PROVIDER: 'local',
    LOG_REQUESTS: 'false',
    MEDIA_DIR: path.join(dataDir, 'media'),
    MIGRATE_ON_START: 'true',
    NEXT_DIST_DIR: e2eDistDir,
    NODE_ENV: 'production',
    NODE_OPTIONS: '--conditions=production',
    PAYLOAD_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    SEED: 'true',
    // Required in production: the citations' links are built on it.
    PUBLIC_URL: `http://localhost:${port}`,
    ...env,
    PORT: String(port),
  }
  for (const name of ['DATABASE_URL', 'DATABASE_EMBEDDED', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'JOBS_AUTORUN'])
    if (!(name in env)) delete childEnv[name]
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const base = `http://localhost:${port}`
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))])
    if (child.exitCode === null) child.kill('SIGKILL')
    fs.rmSync(dataDir, { force: true, recursive: true })
  }
  // Ready once the seed is in and the search index has it: the job runner indexes right after start.
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up:\n${log}`)
    if (Date.now() - started > 180_000) {
      await stop()
      throw new Error(`the app did not get ready:\n${log}`)
    }
    const seeded = await fetch(`${base}/api/search?q=tidewater`)
      .then(async (res) => (res.ok ? ((await res.json()) as { results: unknown[] }).results.length > 0 : false))
      .catch(() => false)
    if (seeded) break
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return { base, dataDir: childEnv.DATA_DIR!, output: () => log, port, stop }
}
