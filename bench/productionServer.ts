/** The production server as `npm start` runs it, for benchmarks that load it from this other process. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { freePort } from '../tests/helpers/freePort'
import { log } from './common'

/** The newest modification time among the files the build bundles. */
function newestSource(): number {
  const files = ['payload.config.ts', ...fs.readdirSync('src', { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))]
  return Math.max(...files.map((file) => fs.statSync(file).mtimeMs))
}

/** Builds Next.js when there is no build, or when the code changed after it. */
export function ensureBuild() {
  const built = fs.existsSync('.next/BUILD_ID') ? fs.statSync('.next/BUILD_ID').mtimeMs : 0
  if (built > newestSource()) return log('using the existing Next.js build in .next/')
  log(`${built ? 'the build in .next/ is older than the code' : 'no production build'}: running \`npm run build\` (a minute or two)`)
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('next build failed')
}

export type Server = { child: ChildProcess; port: number; startedAt: number }

/** Starts server.ts in production mode on `dataDir` (migrated and seeded if new), with extra settings. */
export async function startServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ADMIN_PASSWORD: 'benchmark admin password',
    DATA_DIR: dataDir,
    LOG_REQUESTS: 'false',
    MEDIA_DIR: path.join(dataDir, 'media'),
    MIGRATE_ON_START: 'true',
    NODE_ENV: 'production',
    NODE_OPTIONS: '--conditions=production',
    PAYLOAD_SECRET: 'benchmark-secret',
    PORT: String(port),
    SEED: 'true',
    ...extraEnv,
  }
  delete env.DATABASE_URL
  delete env.DATABASE_EMBEDDED
  const startedAt = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
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
