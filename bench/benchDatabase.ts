import { sql } from '@payloadcms/db-postgres/drizzle'
/**
 * The database a benchmark runs on, chosen with `--db embedded|native` (default embedded): the
 * embedded database (PGlite, started in its child process) or a throwaway native PostgreSQL cluster
 * with pgvector (tests/setup/ensureNativePostgres.sh installs one), tuned for a benchmark.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { type Database, queryRows } from '../packages/payload-retrieval/src/store/database'
import { startNativeCluster } from '../tests/helpers/nativePostgres'
import { option } from './common'
import { useEmbeddedDatabase } from './embeddedApp'

export type Engine = 'embedded' | 'native'

export type BenchDatabase = {
  engine: Engine
  /** A new empty database with pgvector, for another process (native only; the embedded database is one database). */
  createDatabase?: (name: string) => Promise<string>
  /** `maintenance_work_mem` for index builds (SET LOCAL): what the engine can afford. */
  maintenanceWorkMem: string
  /** Stops the database and removes its files. */
  stop: () => Promise<void>
}

/**
 * Memory for a benchmark on a machine with a few GB to spare; fsync is already off in every
 * throwaway cluster. Parallel query keeps PostgreSQL's defaults, as a stock server would.
 */
export const nativeBenchSettings = { maintenance_work_mem: '1GB', shared_buffers: '1GB', work_mem: '64MB' }

const shownSettings = ['shared_buffers', 'work_mem', 'maintenance_work_mem', 'max_parallel_workers_per_gather', 'fsync']

/** `--db`: which engine to run on. */
export function engineOption(): Engine {
  const engine = option('db', 'embedded')
  if (engine !== 'embedded' && engine !== 'native') throw new Error(`--db must be embedded or native, not ${engine}`)
  return engine
}

async function createVectorDatabase(adminUrl: string, name: string, url: string) {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('create extension if not exists vector')
  await client.end()
  return url
}

async function useNativeDatabase(workDir: string, env: Record<string, string>): Promise<BenchDatabase> {
  // Directly under the temp dir: the cluster runs as its own user (as root, `postgres`), which must reach it.
  const clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-pg-'))
  const cluster = await startNativeCluster(clusterDir, { settings: nativeBenchSettings })
  const stop = async () => {
    try {
      cluster.stop()
    } finally {
      fs.rmSync(clusterDir, { force: true, recursive: true })
    }
  }
  try {
    const createDatabase = (name: string) => createVectorDatabase(cluster.url('postgres'), name, cluster.url(name))
    const url = await createDatabase('askfolio')
    Object.assign(process.env, {
      DATA_DIR: workDir,
      EMBEDDINGS_PROVIDER: embedderOption(),
      JOBS_AUTORUN: 'false',
      MEDIA_DIR: path.join(workDir, 'media'),
      ...env,
    })
    process.env.DATABASE_URL = url
    delete process.env.DATABASE_EMBEDDED
    const { prepareEnvironment } = await import('../src/server/prepareEnvironment')
    prepareEnvironment()
    return { createDatabase, engine: 'native', maintenanceWorkMem: nativeBenchSettings.maintenance_work_mem, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * Points this process's app at the chosen engine, with the local embedder and no job runner, as the
 * in-process benchmarks need; `workDir` is its DATA_DIR (the embedded database lives there).
 */
export async function useBenchDatabase(
  engine: Engine,
  workDir: string,
  env: Record<string, string> = {},
): Promise<BenchDatabase> {
  if (engine === 'native') return useNativeDatabase(workDir, env)
  const database = await useEmbeddedDatabase(workDir, { EMBEDDINGS_PROVIDER: embedderOption(), ...env })
  // PGlite's WebAssembly heap is smaller; 512MB is what its HNSW builds were measured with.
  return { engine, maintenanceWorkMem: '512MB', stop: database.stop }
}

/** A line naming the engine, its server and pgvector versions and the settings that matter here, for a benchmark's output. */
export async function describeEngine(engine: Engine, db: Pick<Database, 'execute'>): Promise<string> {
  const [server] = await queryRows<Record<string, string>>(
    db,
    sql.raw(
      `select version() as version, ${shownSettings.map((name) => `current_setting('${name}') as ${name}`).join(', ')}`,
    ),
  )
  const [vector] = await queryRows<{ extversion: string }>(
    db,
    sql`select extversion from pg_extension where extname = 'vector'`,
  )
  const name = engine === 'native' ? 'native PostgreSQL' : 'embedded database (PGlite)'
  return `${name}: ${server.version}; pgvector ${vector?.extversion ?? 'not installed'}; ${shownSettings.map((setting) => `${setting} ${server[setting]}`).join(', ')}`
}

/** `--embedder none|local`: the app's embedder in a benchmark (default `none`, the offline default). */
export function embedderOption(): string {
  const index = process.argv.indexOf('--embedder')
  const value = index > 0 ? process.argv[index + 1] : 'none'
  if (value !== 'none' && value !== 'local') throw new Error(`--embedder must be none or local, not "${value}"`)
  return value
}
