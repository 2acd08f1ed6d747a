/**
 * The embedded database, reached through DATABASE_URL as a second process would, is killed (kill -9)
 * under the running app and started again on the same port.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, inject } from 'vitest'

import { embeddedPaths } from '../../src/db/resolveDatabase'
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/startEmbeddedPostgres'
import { testDatabaseRestart } from '../helpers/databaseOutage'
import { freePort } from '../helpers/freePort'

const dir = fs.mkdtempSync(path.join(inject('testRoot'), 'outage-'))
const { lockFile, pgDir } = embeddedPaths(dir)
fs.cpSync(inject('templateDir'), pgDir, { recursive: true })
const port = await freePort()
const start = () => startEmbeddedPostgres({ dataDir: pgDir, lockFile, maxConnections: 24, port })
let db: EmbeddedPostgres = await start()
afterAll(() => db.stop())

process.env.DATABASE_URL = db.url
process.env.DATABASE_EMBEDDED = 'true'

testDatabaseRestart({
  start: async () => {
    db = await start()
  },
  stop: async () => {
    const exited = new Promise((resolve) => db.child.once('exit', resolve))
    db.child.kill('SIGKILL')
    await exited
  },
})
