import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { freePort } from './freePort'

/**
 * The newest PostgreSQL under /usr/lib/postgresql with pgvector installed beside it, where
 * tests/setup/ensureNativePostgres.sh puts one (15 built on Debian 12, 17 packaged on Debian 13).
 * NATIVE_PG_BIN points at another server's bin directory.
 */
const binDir = (): string | undefined => {
  if (process.env.NATIVE_PG_BIN) return process.env.NATIVE_PG_BIN
  const root = '/usr/lib/postgresql'
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => /^\d+$/.test(name)) : []
  const major = majors
    .sort((a, b) => Number(b) - Number(a))
    .find(
      (m) =>
        fs.existsSync(path.join(root, m, 'bin/initdb')) &&
        fs.existsSync(`/usr/share/postgresql/${m}/extension/vector.control`),
    )
  return major && path.join(root, major, 'bin')
}

export type NativeCluster = {
  /** A connection URL for one database of the cluster. */
  url: (database: string) => string
  port: number
  /** Restarts the server on the same port (fast shutdown: connections are terminated). */
  restart: () => void
  start: () => void
  stop: () => void
}

// PostgreSQL refuses to run as root: as root, run its tools as the `postgres` system user.
const asOwner = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]

const run = (tool: string, args: string[]) => {
  const [command, fullArgs] = asOwner(path.join(binDir() ?? '', tool), args)
  execFileSync(command, fullArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Whether a PostgreSQL with pgvector is installed (tests/setup/ensureNativePostgres.sh). */
export const nativePostgresInstalled = (): boolean => {
  const dir = binDir()
  return dir !== undefined && fs.existsSync(path.join(dir, 'initdb'))
}

export type NativeClusterOptions = {
  maxConnections?: number
  /** More server settings, each passed as `-c name=value` (a benchmark's memory settings). */
  settings?: Record<string, string>
}

/**
 * A throwaway PostgreSQL cluster in `dir` (trust authentication, 127.0.0.1 and a socket in `dir`,
 * a free port), started and ready. `stop()` shuts it down; the caller removes `dir`.
 */
export async function startNativeCluster(
  dir: string,
  { maxConnections = 200, settings = {} }: NativeClusterOptions = {},
): Promise<NativeCluster> {
  if (!nativePostgresInstalled()) {
    throw new Error(
      'PostgreSQL with pgvector is not installed: run sh tests/setup/ensureNativePostgres.sh (or set NATIVE_PG_BIN)',
    )
  }
  const extra = Object.entries(settings)
    .map(([name, value]) => {
      // pg_ctl splits its -o string at spaces, so a value must be one word.
      if (!/^[a-z_.]+$/.test(name) || !/^[\w.]+$/.test(value))
        throw new Error(`Unsupported server setting ${name}=${value}`)
      return ` -c ${name}=${value}`
    })
    .join('')
  const dataDir = path.join(dir, 'data')
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir])
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const port = await freePort()
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=${maxConnections} -c fsync=off${extra}`
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', dataDir, ...args])
  const cluster: NativeCluster = {
    port,
    restart: () => pgCtl('-o', options, '-l', path.join(dir, 'log'), '-m', 'fast', '-w', 'restart'),
    start: () => pgCtl('-o', options, '-l', path.join(dir, 'log'), '-w', 'start'),
    stop: () => {
      if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) pgCtl('-m', 'fast', '-w', 'stop')
    },
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}?sslmode=disable`,
  }
  cluster.start()
  return cluster
}
