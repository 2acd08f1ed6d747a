/**
 * A native PostgreSQL server restarts (pg_ctl restart, fast shutdown) under the running app. Its own
 * cluster, so restarting it disturbs no other test file.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll } from 'vitest'

import { testDatabaseRestart } from '../helpers/databaseOutage'
import { startNativeCluster } from '../helpers/nativePostgres'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-restart-pg-'))
const cluster = await startNativeCluster(dir, { maxConnections: 50 })
afterAll(() => {
  cluster.stop()
  fs.rmSync(dir, { force: true, recursive: true })
})

const admin = new pg.Client({ connectionString: cluster.url('postgres') })
await admin.connect()
await admin.query('create database askfolio')
await admin.end()
process.env.DATABASE_URL = cluster.url('askfolio')
execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/withDatabase.ts', 'payload', 'migrate'], {
  env: process.env,
  stdio: 'ignore',
})

testDatabaseRestart({ start: () => cluster.start(), stop: () => cluster.stop() })
