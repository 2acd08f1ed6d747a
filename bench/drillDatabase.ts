/**
 * The database for the fault drills, reached by the app only through DATABASE_URL, that the drill
 * can stop and start again on the same port under the running app: a native PostgreSQL cluster
 * (tests/setup/ensureNativePostgres.sh) or a second embedded instance.
 */
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

import { startEmbeddedPostgres } from '../src/db/startEmbeddedPostgres'
import { freePort } from '../tests/helpers/freePort'
import { startNativeCluster } from '../tests/helpers/nativePostgres'

export type DrillDatabase = {
  /** Settings the app's processes need to reach it. */
  env: Record<string, string>
  kind: 'embedded' | 'native'
  start: () => Promise<void>
  stop: () => Promise<void>
}

export async function startDrillDatabase(kind: DrillDatabase['kind'], dir: string): Promise<DrillDatabase> {
  if (kind === 'native') {
    // PostgreSQL runs as its own user (as root, `postgres`), which must reach its directory.
    fs.chmodSync(dir, 0o755)
    fs.mkdirSync(path.join(dir, 'native'))
    const cluster = await startNativeCluster(path.join(dir, 'native'))
    const admin = new pg.Client({ connectionString: cluster.url('postgres') })
    await admin.connect()
    await admin.query('create database askfolio')
    await admin.end()
    return {
      env: { DATABASE_URL: cluster.url('askfolio') },
      kind,
      start: async () => cluster.start(),
      stop: async () => cluster.stop(),
    }
  }
  const port = await freePort()
  const options = {
    dataDir: path.join(dir, 'postgres'),
    lockFile: path.join(dir, 'drill-db.lock.json'),
    maxConnections: 64,
    port,
    secretFile: path.join(dir, 'drill-db-secret'),
  }
  let current = await startEmbeddedPostgres(options)
  return {
    env: { DATABASE_EMBEDDED: 'true', DATABASE_URL: current.url },
    kind,
    start: async () => {
      current = await startEmbeddedPostgres(options)
    },
    stop: () => current.stop(),
  }
}
