/**
 * The embedded PostgreSQL: data survives a restart and a kill -9, one data directory is served by one
 * process, other processes reuse it through the lock file, and the child goes away with its parent.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'

import { readLock } from '../../src/db/embeddedPostgresLock'
import { embeddedPaths, resolveDatabase } from '../../src/db/resolveDatabase'
import { startEmbeddedPostgres } from '../../src/db/startEmbeddedPostgres'

/** A new data directory holding a copy of the migrated template cluster (a cold init takes seconds). */
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(inject('testRoot'), 'embedded-'))
  fs.cpSync(inject('templateDir'), embeddedPaths(dir).pgDir, { recursive: true })
  return dir
}

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as T[]
  } finally {
    await client.end()
  }
}

const waitFor = async (condition: () => boolean, timeoutMs = 15_000) => {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('embedded PostgreSQL', () => {
  it('serves pgvector and keeps data across a clean restart', async () => {
    const dir = freshDir()
    const { lockFile, pgDir } = embeddedPaths(dir)
    const first = await startEmbeddedPostgres({ dataDir: pgDir, lockFile })
    await query(first.url, 'create extension if not exists vector')
    await query(first.url, 'create table notes (id serial primary key, body text, embedding vector(3))')
    await query(first.url, "insert into notes (body, embedding) values ('kept', '[1,2,3]')")
    await first.stop()
    expect(fs.existsSync(lockFile)).toBe(false)

    const second = await startEmbeddedPostgres({ dataDir: pgDir, lockFile })
    const rows = await query<{ body: string; distance: number }>(second.url, "select body, embedding <-> '[1,2,4]' as distance from notes")
    expect(rows).toEqual([{ body: 'kept', distance: 1 }])
    await second.stop()
  })

  it('keeps committed writes when the process is killed with SIGKILL', async () => {
    const dir = freshDir()
    const { lockFile, pgDir } = embeddedPaths(dir)
    const first = await startEmbeddedPostgres({ dataDir: pgDir, lockFile })
    await query(first.url, 'create table events (id serial primary key, name text)')
    await query(first.url, "insert into events (name) values ('committed before the crash')")
    first.child.kill('SIGKILL')
    await waitFor(() => first.child.exitCode !== null || first.child.signalCode !== null)

    // The stale lock (dead pid) does not block the next start.
    expect(readLock(lockFile)).toBeNull()
    const second = await startEmbeddedPostgres({ dataDir: pgDir, lockFile })
    expect(await query(second.url, 'select name from events')).toEqual([{ name: 'committed before the crash' }])
    await second.stop()
  })

  it('refuses a second server on the same data directory, and lets other processes share the first', async () => {
    const dir = freshDir()
    const { lockFile, pgDir } = embeddedPaths(dir)
    const first = await startEmbeddedPostgres({ dataDir: pgDir, lockFile })
    await expect(startEmbeddedPostgres({ dataDir: pgDir, lockFile })).rejects.toThrow(/already served by process/)

    const saved = { embedded: process.env.DATABASE_EMBEDDED, url: process.env.DATABASE_URL }
    delete process.env.DATABASE_URL
    delete process.env.DATABASE_EMBEDDED
    try {
      const shared = await resolveDatabase({ dataDir: dir })
      expect(shared.kind).toBe('shared')
      expect(shared.url).toBe(first.url)
      await shared.stop() // a sharer's stop leaves the owner's database running
      expect(await query(first.url, 'select 1 as ok')).toEqual([{ ok: 1 }])
    } finally {
      process.env.DATABASE_URL = saved.url
      process.env.DATABASE_EMBEDDED = saved.embedded
    }
    await first.stop()
  })

  it('keeps concurrent clients\' parameterised queries apart on its one session', async () => {
    const dir = freshDir()
    const { lockFile, pgDir } = embeddedPaths(dir)
    const db = await startEmbeddedPostgres({ dataDir: pgDir, lockFile })
    const pool = new pg.Pool({ connectionString: db.url, max: 12 })
    try {
      const work = Array.from({ length: 120 }, (_, i) =>
        i % 3 === 0
          ? pool.query('select $1::int + $2::int as sum', [i, 1]).then((r) => r.rows[0].sum === i + 1)
          : i % 3 === 1
            ? pool.query('select upper($1) as text', [`row ${i}`]).then((r) => r.rows[0].text === `ROW ${i}`)
            : pool.connect().then(async (client) => {
                try {
                  await client.query('begin')
                  const r = await client.query('select $1::text || $2::text || $3::text as joined', ['a', String(i), 'z'])
                  await client.query('commit')
                  return r.rows[0].joined === `a${i}z`
                } finally {
                  client.release()
                }
              }),
      )
      expect(await Promise.all(work)).toEqual(Array(120).fill(true))
    } finally {
      await pool.end()
      await db.stop()
    }
  })

  it('reports an unexpected exit to its supervisor', async () => {
    const dir = freshDir()
    const { lockFile, pgDir } = embeddedPaths(dir)
    let reported: null | string = null
    const db = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, onUnexpectedExit: (_code, signal) => (reported = signal) })
    db.child.kill('SIGKILL')
    await waitFor(() => reported !== null)
    expect(reported).toBe('SIGKILL')
  })

  it('shuts down and releases its lock when the parent process dies', async () => {
    const dir = freshDir()
    const { lockFile, pgDir } = embeddedPaths(dir)
    const script = `
      import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve('src/db/startEmbeddedPostgres.ts'))}
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(pgDir)}, lockFile: ${JSON.stringify(lockFile)} })
      console.log('ready')
      setInterval(() => {}, 1000)
    `
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve) => parent.stdout!.on('data', (chunk) => String(chunk).includes('ready') && resolve()))
    const lock = readLock(lockFile)!
    expect(lock.pid).not.toBe(parent.pid)
    expect(alive(lock.pid)).toBe(true)

    parent.kill('SIGKILL')
    await waitFor(() => !alive(lock.pid))
    expect(fs.existsSync(lockFile)).toBe(false)
  })
})
