/** The production server as `npm start` runs it, for benchmarks that load it from this other process. */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import { freePort } from '../tests/helpers/freePort'
import { ensureBuild as ensureNextBuild } from '../tests/helpers/nextBuild'
import { log } from './common'

/** Builds Next.js into .next/ when there is no build, or when the code changed after it. */
export const ensureBuild = () => void ensureNextBuild('.next', log)

export type Server = { child: ChildProcess; port: number; startedAt: number }

/** Starts server.ts in production mode on `dataDir` (migrated and seeded if new), with extra settings (DATABASE_URL among them). */
export async function startServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  const inherited: NodeJS.ProcessEnv = { ...process.env }
  // The server's own embedded database unless extraEnv names one.
  delete inherited.DATABASE_URL
  delete inherited.DATABASE_EMBEDDED
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ADMIN_PASSWORD: 'benchmark admin password',
    DATA_DIR: dataDir,
    LOG_REQUESTS: 'false',
    MEDIA_DIR: path.join(dataDir, 'media'),
    MIGRATE_ON_START: 'true',
    NODE_ENV: 'production',
    NODE_OPTIONS: '--conditions=production',
    PAYLOAD_SECRET: 'benchmark-secret',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SEED: 'true',
    ...extraEnv,
  }
  const startedAt = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return { child, port, startedAt }
}

/** Milliseconds from spawn to the first 200 from `target`. */
export async function firstResponse(server: Server, target: string): Promise<number> {
  for (;;) {
    if (server.child.exitCode !== null) throw new Error('server exited during start-up')
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}${target}`)
      await res.arrayBuffer()
      if (res.status === 200) return performance.now() - server.startedAt
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export async function stopServer(server: Server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  await exited
}
