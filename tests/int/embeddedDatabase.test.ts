/**
 * The embedded PostgreSQL: data survives a restart and a kill -9, one data directory is served by one
 * process, other processes reuse it through the lock file, and the child goes away with its parent.
 * It wants its password (kept in DATA_DIR) and keeps its files private to its user.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
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

/** Every path under `dir` (itself included) whose mode gives group or others any right. */
const openToOthers = (dir: string): string[] =>
  [dir, ...(fs.readdirSync(dir, { recursive: true }) as string[]).map((name) => path.join(dir, name))]
    .filter((file) => (fs.lstatSync(file).mode & 0o077) !== 0)
    .map((file) => `${path.relative(dir, file) || '.'} ${(fs.lstatSync(file).mode & 0o777).toString(8)}`)

/** A frontend message: its type byte, length and body. */
const frontend = (type: string, body: Buffer) => {
  const out = Buffer.alloc(5 + body.length)
  out.write(type, 0)
  out.writeInt32BE(4 + body.length, 1)
  body.copy(out, 5)
  return out
}

/**
 * A raw client that sends a startup message and then, without any password, `sql` as a simple query:
 * resolves with everything the server answered once it closes the connection.
 */
function sendWithoutPassword(port: number, sql: string): Promise<Buffer> {
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0')
  const startup = Buffer.alloc(8 + params.length)
  startup.writeInt32BE(8 + params.length, 0)
  startup.writeInt32BE(196608, 4)
  params.copy(startup, 8)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(Buffer.concat([startup, frontend('Q', Buffer.from(`${sql}\0`))])),
    )
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(chunks)))
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server kept the connection open')))
  })
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
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    const first = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
    await query(first.url, 'create extension if not exists vector')
    await query(first.url, 'create table notes (id serial primary key, body text, embedding vector(3))')
    await query(first.url, "insert into notes (body, embedding) values ('kept', '[1,2,3]')")
    await first.stop()
    expect(fs.existsSync(lockFile)).toBe(false)

    const second = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
    const rows = await query<{ body: string; distance: number }>(
      second.url,
      "select body, embedding <-> '[1,2,4]' as distance from notes",
    )
    expect(rows).toEqual([{ body: 'kept', distance: 1 }])
    await second.stop()
  })

  it('vacuums and analyzes changed tables by itself, as autovacuum would, also while a client holds a transaction open for a while', async () => {
    const dir = freshDir()
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    process.env.EMBEDDED_PG_MAINTENANCE_SECONDS = '1'
    const db = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile }).finally(
      () => delete process.env.EMBEDDED_PG_MAINTENANCE_SECONDS,
    )
    try {
      await query(db.url, 'create table terms (term text, chunk int, primary key (term, chunk))')
      await query(db.url, "insert into terms select 'w' || (g % 50), g from generate_series(1, 20000) g")
      // A transaction held open by a client: maintenance waits for it instead of running inside it.
      const holder = new pg.Client({ connectionString: db.url })
      await holder.connect()
      await holder.query('begin')
      await holder.query("insert into terms values ('held', 1)")
      await new Promise((resolve) => setTimeout(resolve, 1500))
      await holder.query('commit')
      await holder.end()

      const stats = () =>
        query<{ allVisible: number; pages: number; tuples: number }>(
          db.url,
          'select relallvisible as "allVisible", relpages as pages, reltuples::int as tuples from pg_class where relname = \'terms\'',
        )
      // Waits for a round after the held transaction's commit: one that ran before it saw 20,000 rows,
      // and on a busy machine the first round may not mark every page yet.
      const done = (t: { allVisible: number; pages: number; tuples: number }) =>
        t.tuples === 20001 && t.pages > 0 && t.allVisible === t.pages
      let [table] = await stats()
      for (let tries = 0; tries < 150 && !done(table); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        ;[table] = await stats()
      }
      // Analyzed (the planner knows its size) and vacuumed (pages marked all-visible, for index-only scans).
      expect(table.tuples).toBe(20001)
      expect(table.allVisible).toBe(table.pages)
      const plan = await query<{ 'QUERY PLAN': string }>(db.url, "explain select chunk from terms where term = 'w7'")
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan/)
    } finally {
      await db.stop()
    }
  })

  it('keeps committed writes when the process is killed with SIGKILL', async () => {
    const dir = freshDir()
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    const first = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
    await query(first.url, 'create table events (id serial primary key, name text)')
    await query(first.url, "insert into events (name) values ('committed before the crash')")
    first.child.kill('SIGKILL')
    await waitFor(() => first.child.exitCode !== null || first.child.signalCode !== null)

    // The stale lock (dead pid) does not block the next start.
    expect(readLock(lockFile)).toBeNull()
    const second = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
    expect(await query(second.url, 'select name from events')).toEqual([{ name: 'committed before the crash' }])
    await second.stop()
  })

  it('refuses a second server on the same data directory, and lets other processes share the first', async () => {
    const dir = freshDir()
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    const first = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
    await expect(startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })).rejects.toThrow(
      /already served by process/,
    )

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

  it("keeps concurrent clients' parameterised queries apart on its one session", async () => {
    const dir = freshDir()
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    const db = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
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
                  const r = await client.query('select $1::text || $2::text || $3::text as joined', [
                    'a',
                    String(i),
                    'z',
                  ])
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
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    let reported: null | string = null
    const db = await startEmbeddedPostgres({
      dataDir: pgDir,
      lockFile,
      secretFile,
      onUnexpectedExit: (_code, signal) => (reported = signal),
    })
    db.child.kill('SIGKILL')
    await waitFor(() => reported !== null)
    expect(reported).toBe('SIGKILL')
  })

  it('shuts down and releases its lock when the parent process dies', async () => {
    const dir = freshDir()
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    const script = `
      import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve('src/db/startEmbeddedPostgres.ts'))}
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(pgDir)}, lockFile: ${JSON.stringify(lockFile)}, secretFile: ${JSON.stringify(secretFile)} })
      console.log('ready')
      setInterval(() => {}, 1000)
    `
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve) =>
      parent.stdout!.on('data', (chunk) => String(chunk).includes('ready') && resolve()),
    )
    const lock = readLock(lockFile)!
    expect(lock.pid).not.toBe(parent.pid)
    expect(alive(lock.pid)).toBe(true)

    parent.kill('SIGKILL')
    await waitFor(() => !alive(lock.pid))
    expect(fs.existsSync(lockFile)).toBe(false)
  })

  it('refuses a wrong password, or none, and runs nothing such a client sends', async () => {
    const dir = freshDir()
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    const db = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
    try {
      expect(db.url).toContain(`:${fs.readFileSync(secretFile, 'utf8').trim()}@`)
      const wrong = new URL(db.url)
      wrong.password = 'postgres'
      await expect(query(wrong.toString(), 'select 1')).rejects.toThrow(/password authentication failed/)
      wrong.username = 'someone'
      wrong.password = 'anything'
      await expect(query(wrong.toString(), 'select 1')).rejects.toThrow(/password authentication failed/)
      const none = new URL(db.url)
      none.password = ''
      await expect(query(none.toString(), 'select 1')).rejects.toThrow()

      // A client that skips the password and sends a query straight away: asked for the password, then cut off.
      const answer = await sendWithoutPassword(db.port, 'create table intruder (id int)')
      expect(answer.subarray(0, 9)).toEqual(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]))
      expect(answer.toString('latin1')).toContain('28P01')
      expect(await query(db.url, "select to_regclass('intruder') as found")).toEqual([{ found: null }])
    } finally {
      await db.stop()
    }
  })

  it('keeps its secret and every file of the cluster private to its user, also a fresh one and one left open to others', async () => {
    const dir = fs.mkdtempSync(path.join(inject('testRoot'), 'embedded-modes-'))
    const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
    const fresh = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
    await query(fresh.url, 'create table notes (id serial primary key, body text)')
    await query(fresh.url, "insert into notes (body) values ('private')")
    expect(openToOthers(dir)).toEqual([])
    await fresh.stop()
    expect(openToOthers(dir)).toEqual([])
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600)

    // A data directory as an earlier version left it: everything readable and writable by everyone.
    for (const name of fs.readdirSync(pgDir, { recursive: true }) as string[]) {
      const file = path.join(pgDir, name)
      fs.chmodSync(file, fs.statSync(file).isDirectory() ? 0o777 : 0o666)
    }
    fs.chmodSync(pgDir, 0o777)
    const again = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile })
    try {
      expect(openToOthers(dir)).toEqual([])
      expect(await query(again.url, 'select body from notes')).toEqual([{ body: 'private' }])
    } finally {
      await again.stop()
    }
  })
})
