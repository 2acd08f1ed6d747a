/**
 * The embedded database, reached through DATABASE_URL as a second process would, is killed (kill -9)
 * under the running app and started again on the same port; and the supervisor server.ts uses, which
 * does that restart by itself.
 */
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'

import { readLock } from '../../src/db/embeddedPostgresLock'
import { embeddedPaths } from '../../src/db/resolveDatabase'
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/startEmbeddedPostgres'
import { superviseEmbeddedPostgres } from '../../src/db/superviseEmbeddedPostgres'
import { testDatabaseRestart } from '../helpers/databaseOutage'
import { freePort } from '../helpers/freePort'

const dir = fs.mkdtempSync(path.join(inject('testRoot'), 'outage-'))
const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
fs.cpSync(inject('templateDir'), pgDir, { recursive: true })
const port = await freePort()
const start = () => startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile, maxConnections: 24, port })
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

describe('the supervised embedded database (as server.ts runs it)', () => {
  it('is started again on the same port after kill -9, with its committed data', async () => {
    const own = fs.mkdtempSync(path.join(inject('testRoot'), 'supervised-'))
    const paths = embeddedPaths(own)
    fs.cpSync(inject('templateDir'), paths.pgDir, { recursive: true })
    const supervised = await superviseEmbeddedPostgres({
      dataDir: paths.pgDir,
      initialDelayMs: 100,
      lockFile: paths.lockFile,
      maxConnections: 4,
      secretFile: paths.secretFile,
    })
    try {
      const query = async (text: string) => {
        const client = new pg.Client({ connectionString: supervised.url })
        await client.connect()
        try {
          return (await client.query(text)).rows
        } finally {
          await client.end()
        }
      }
      await query(`create table kept (note text); insert into kept values ('committed before the crash')`)
      const first = readLock(paths.lockFile)!
      process.kill(first.pid, 'SIGKILL')

      let rows: unknown[] | undefined
      for (let tries = 0; !rows; tries++) {
        if (tries > 300) throw new Error('the embedded database did not come back')
        await new Promise((resolve) => setTimeout(resolve, 200))
        rows = await query('select note from kept').catch(() => undefined)
      }
      expect(rows).toEqual([{ note: 'committed before the crash' }])
      const second = readLock(paths.lockFile)!
      expect(second.pid).not.toBe(first.pid)
      expect(second.port).toBe(first.port)
    } finally {
      await supervised.stop()
    }
    expect(readLock(paths.lockFile)).toBeNull()
  })
})
