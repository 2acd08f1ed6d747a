import type { Manifest } from '../../src/backup/manifest'

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
/**
 * `npm run backup` and `npm run restore FILE`, run as real processes: a round trip brings back every
 * table (the chunk table and its embeddings included), every sequence and every media file exactly.
 * In the `int` project this runs on the embedded database (backed up while it serves this file's
 * Payload); in the `native` project, on the native server of DATABASE_URL.
 */
import { BasePayload, type Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { fetchEmbeddedDump, openEmbeddedDump } from '../../src/backup/embeddedDump'
import { skillCategories } from '../../src/collections/Skills'
import { readLock } from '../../src/db/embeddedPostgresLock'
import { embeddedSecret } from '../../src/db/embeddedSecret'
import { embeddedPaths } from '../../src/db/resolveDatabase'
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/startEmbeddedPostgres'
import { seed } from '../../src/seed/seed'
import { databaseContents, folderContents } from '../helpers/databaseContents'
import { createMedia, unique } from '../helpers/fixtures'
import { chunkRows, runIndexingJobs } from '../helpers/indexingJobs'
import { closeTestPayload, destroyPayload, getTestPayload } from '../helpers/payload'
import { runNpmScript } from '../helpers/runNpmScript'

const native = process.env.DATABASE_EMBEDDED !== 'true'
process.env.EMBEDDINGS_PROVIDER = 'local'

const mediaDir = process.env.MEDIA_DIR
if (!mediaDir) throw new Error('MEDIA_DIR must be set per test file (see tests/setup/perFileDatabase.ts)')
/** The app's DATA_DIR: for the embedded database, where its cluster and lock live; backups go under it. */
const dataDir = fs.mkdtempSync(path.join(native ? os.tmpdir() : inject('testRoot'), 'backup-'))
const archive = path.join(dataDir, 'archives', 'round-trip.tar.gz')

let embedded: EmbeddedPostgres | undefined
let url = process.env.DATABASE_URL!

/** The environment an operator's shell would have: the app's DATA_DIR and media, and for native the URL. */
const cliEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, MEDIA_DIR: mediaDir }
  if (!native) {
    delete env.DATABASE_URL
    delete env.DATABASE_EMBEDDED
  }
  return env
}

/** This file's own embedded database in DATA_DIR's layout, so the CLIs find it through its lock file. */
async function startEmbedded(port?: number): Promise<void> {
  const { lockFile, pgDir, secretFile } = embeddedPaths(dataDir)
  embedded = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile, maxConnections: 24, port })
  url = embedded.url
  process.env.DATABASE_URL = url
}

const readManifest = (file: string): Manifest =>
  JSON.parse(execFileSync('tar', ['-xzOf', file, 'manifest.json'], { encoding: 'utf8' })) as Manifest
/** What restores have moved aside: `<media folder>.before-restore-*` beside it, `postgres.before-restore-*` in DATA_DIR. */
const restoredAside = () =>
  fs
    .readdirSync(path.dirname(mediaDir))
    .filter((name) => name.startsWith(`${path.basename(mediaDir)}.before-restore-`))
    .concat(fs.readdirSync(dataDir).filter((name) => name.includes('before-restore')))

let payload: Payload
let atBackup: Awaited<ReturnType<typeof databaseContents>>
let mediaAtBackup: Record<string, string>

beforeAll(async () => {
  if (!native) {
    fs.cpSync(inject('templateDir'), embeddedPaths(dataDir).pgDir, { recursive: true })
    await startEmbedded()
  }
  payload = await getTestPayload()
  await seed(payload, { adminEmail: 'owner@example.com', adminPassword: 'a long seed password', quiet: true })
  await createMedia(payload, 'an extra upload')
  await runIndexingJobs(payload)
})

afterAll(async () => {
  await closeTestPayload()
  await embedded?.stop()
  if (native) fs.rmSync(dataDir, { force: true, recursive: true }) // the int project's testRoot goes at the end of the run
}, 60_000)

describe('npm run backup', () => {
  it('writes one archive holding a manifest, the database dump and the media, while the app is connected', async () => {
    atBackup = await databaseContents(url)
    mediaAtBackup = folderContents(mediaDir)
    expect(atBackup.tables.retrieval_chunks.length).toBeGreaterThan(20)
    expect(Object.keys(mediaAtBackup).length).toBeGreaterThan(1)

    const result = await runNpmScript('backup', ['--out', archive], cliEnv())
    expect(result.output).toContain('[backup] done')
    expect(result.code).toBe(0)
    // It holds password hashes and tokens: only its owner can read it, or enter the folder it created.
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600)
    expect(fs.statSync(path.dirname(archive)).mode & 0o777).toBe(0o700)

    const manifest = readManifest(archive)
    expect(manifest).toMatchObject({
      format: 'askfolio-backup',
      formatVersion: 1,
      kind: native ? 'native' : 'embedded',
    })
    expect(manifest.media).toMatchObject({ files: Object.keys(mediaAtBackup).length, included: true })
    expect(manifest.migrations).toEqual(atBackup.tables.payload_migrations.map((row) => (row as { name: string }).name))
    expect(manifest.rowCounts).toEqual(
      Object.fromEntries(Object.entries(atBackup.tables).map(([table, rows]) => [table, rows.length])),
    )
    const entries = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).split('\n')
    expect(entries).toEqual(
      expect.arrayContaining([
        'manifest.json',
        manifest.database.file,
        ...Object.keys(mediaAtBackup).map((file) => `media/${file}`),
      ]),
    )
  })
})

describe('npm run restore', () => {
  it('refuses an archive that is not a backup, or from a newer schema, and changes nothing', async () => {
    const before = await databaseContents(url)
    const garbage = path.join(dataDir, 'garbage.tar.gz')
    fs.writeFileSync(garbage, 'not an archive at all')
    const refused = await runNpmScript('restore', [garbage], cliEnv())
    expect(refused.code).toBe(1)
    expect(refused.output).toContain('not a readable backup archive')
    expect(refused.output).toContain('nothing was changed')

    // A well-formed archive that some other tool wrote, and one from a schema this code does not know.
    const staging = fs.mkdtempSync(path.join(dataDir, 'staging-'))
    execFileSync('tar', ['-xzf', archive, '-C', staging])
    const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8')) as Manifest
    const repack = (name: string, changed: object) => {
      fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify({ ...manifest, ...changed }))
      const file = path.join(dataDir, name)
      execFileSync('tar', ['-czf', file, '-C', staging, 'manifest.json', 'database', 'media'])
      return file
    }
    const foreign = await runNpmScript('restore', [repack('foreign.tar.gz', { format: 'something-else' })], cliEnv())
    expect(foreign.code).toBe(1)
    expect(foreign.output).toContain('not an askfolio backup')
    const newer = await runNpmScript(
      'restore',
      [repack('newer.tar.gz', { migrations: [...manifest.migrations, '20991231_000000_from_the_future'] })],
      cliEnv(),
    )
    expect(newer.code).toBe(1)
    expect(newer.output).toContain('newer version of the app')
    expect(newer.output).toContain('20991231_000000_from_the_future')

    expect(await databaseContents(url)).toEqual(before)
    expect(restoredAside()).toEqual([])
  })

  it('refuses before touching the database when the media folder cannot be moved aside', async () => {
    const before = await databaseContents(url)
    const notAFolder = path.join(dataDir, 'media-is-a-file')
    fs.writeFileSync(notAFolder, 'not a folder')
    const refused = await runNpmScript('restore', [archive], { ...cliEnv(), MEDIA_DIR: notAFolder })
    expect(refused.code).toBe(1)
    expect(refused.output).toContain(`cannot restore the media: MEDIA_DIR (${notAFolder}) is not a folder`)
    expect(refused.output).toContain('nothing was changed')
    expect(await databaseContents(url)).toEqual(before)
    expect(restoredAside()).toEqual([])
    expect(fs.readFileSync(notAFolder, 'utf8')).toBe('not a folder')
  })

  it.skipIf(native)('refuses while the embedded database is in use, and changes nothing', async () => {
    const before = await databaseContents(url)
    const refused = await runNpmScript('restore', [archive], cliEnv())
    expect(refused.code).toBe(1)
    expect(refused.output).toContain(`in use by process ${embedded!.child.pid}`)
    expect(await databaseContents(url)).toEqual(before)
    expect(restoredAside()).toEqual([])
  })

  it('brings back every table, the chunks with their embeddings, every sequence and every media file', async () => {
    // Changes after the backup: a deleted post, an edited project, a new skill, media lost and added.
    const post = (await payload.find({ collection: 'blog-posts', limit: 1, overrideAccess: true })).docs[0]
    await payload.delete({ collection: 'blog-posts', id: post.id, overrideAccess: true })
    const project = (
      await payload.find({
        collection: 'projects',
        limit: 1,
        overrideAccess: true,
        where: { _status: { equals: 'published' } },
      })
    ).docs[0]
    await payload.update({
      collection: 'projects',
      data: { title: 'Renamed after the backup' },
      id: project.id,
      overrideAccess: true,
    })
    await payload.create({
      collection: 'skills',
      data: { category: skillCategories[0], level: 'expert', name: unique('Skill') },
      overrideAccess: true,
    })
    await runIndexingJobs(payload)
    const lost = Object.keys(mediaAtBackup)[0]
    fs.rmSync(path.join(mediaDir, lost))
    fs.writeFileSync(path.join(mediaDir, 'stray.png'), 'added after the backup')
    const changed = await databaseContents(url)
    expect(changed).not.toEqual(atBackup)
    expect((await chunkRows(payload)).some((row) => row.title === 'Renamed after the backup')).toBe(true)

    await closeTestPayload()
    const port = embedded?.port
    await embedded?.stop()
    const result = await runNpmScript('restore', [archive], cliEnv())
    expect(result.output).toContain('[restore] done')
    expect(result.code).toBe(0)
    if (!native) await startEmbedded(port)

    const restored = await databaseContents(url)
    expect(Object.keys(restored.tables)).toEqual(Object.keys(atBackup.tables))
    for (const table of Object.keys(atBackup.tables))
      expect(restored.tables[table], table).toEqual(atBackup.tables[table])
    expect(restored.sequences).toEqual(atBackup.sequences)
    expect(folderContents(mediaDir)).toEqual(mediaAtBackup)

    // What was replaced is kept: the old media folder (and data directory, or a backup of the old contents).
    const aside = restoredAside()
    expect(aside.some((name) => name.startsWith(`${path.basename(mediaDir)}.before-restore-`))).toBe(true)
    const keptMedia = path.join(
      path.dirname(mediaDir),
      aside.find((name) => name.startsWith(path.basename(mediaDir)))!,
    )
    expect(fs.existsSync(path.join(keptMedia, 'stray.png'))).toBe(true)
    expect(fs.statSync(path.join(dataDir, 'backups')).mode & 0o777).toBe(0o700)
    if (native)
      expect(fs.readdirSync(path.join(dataDir, 'backups')).some((name) => name.startsWith('before-restore-'))).toBe(
        true,
      )
    else expect(aside.some((name) => name.startsWith('postgres.before-restore-'))).toBe(true)

    // The app works on the restored database: it reads, writes, and new ids follow on.
    // (A new instance: getPayload() would hand back the cached one, whose pool is closed.)
    const { default: config } = await import('../../payload.config')
    const app = await new BasePayload().init({ config })
    try {
      const skill = await app.create({
        collection: 'skills',
        data: { category: skillCategories[0], level: 'expert', name: unique('Skill') },
        overrideAccess: true,
      })
      expect(skill.id).toBeGreaterThan(Math.max(...(atBackup.tables.skills as { id: number }[]).map((row) => row.id)))
    } finally {
      await destroyPayload(app)
    }
  })
})

/** A raw request to the control port: its status, CORS header and body size. */
function controlRequest(port: number, method: string, headers: Record<string, string>) {
  return new Promise<{ allowOrigin: unknown; bytes: number; status?: number }>((resolve, reject) => {
    const req = http.request({ headers, host: '127.0.0.1', method, path: '/dump', port }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () =>
        resolve({ allowOrigin: res.headers['access-control-allow-origin'], bytes, status: res.statusCode }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

describe.skipIf(native)('the embedded database’s dump', () => {
  it('answers no web page: a request without the control header, or for another Host, gets 403 and no dump', async () => {
    const { controlPort } = readLock(embeddedPaths(dataDir).lockFile)!
    const port = controlPort!
    // A cross-site form post: right Host, no custom header.
    const form = await controlRequest(port, 'POST', {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://evil.example',
    })
    expect(form).toMatchObject({ status: 403 })
    expect(form.bytes).toBeLessThan(200)
    // DNS rebinding: the page's own host name, even with the header.
    const rebound = await controlRequest(port, 'POST', { host: `evil.example:${port}`, 'x-askfolio-control': 'dump' })
    expect(rebound).toMatchObject({ status: 403 })
    expect(rebound.bytes).toBeLessThan(200)
    // The preflight a browser would need before sending the header gets no CORS permission.
    const preflight = await controlRequest(port, 'OPTIONS', {
      'access-control-request-headers': 'x-askfolio-control',
      origin: 'https://evil.example',
    })
    expect(preflight.status).not.toBe(200)
    expect(preflight.allowOrigin).toBeUndefined()
    // The tool's own request, for comparison, gets the dump.
    const token = embeddedSecret(embeddedPaths(dataDir).secretFile)
    const allowed = await controlRequest(port, 'POST', {
      authorization: `Bearer ${token}`,
      host: `localhost:${port}`,
      'x-askfolio-control': 'dump',
    })
    expect(allowed).toMatchObject({ status: 200 })
    expect(allowed.bytes).toBeGreaterThan(100_000)
  })

  it('answers no other local process: without the token, or with a wrong one, it gets 403 and no dump', async () => {
    const { controlPort } = readLock(embeddedPaths(dataDir).lockFile)!
    const port = controlPort!
    const tool = { host: `127.0.0.1:${port}`, 'x-askfolio-control': 'dump' }
    const withoutToken = await controlRequest(port, 'POST', tool)
    expect(withoutToken).toMatchObject({ status: 403 })
    expect(withoutToken.bytes).toBeLessThan(200)
    const wrongToken = await controlRequest(port, 'POST', { ...tool, authorization: `Bearer ${'0'.repeat(64)}` })
    expect(wrongToken).toMatchObject({ status: 403 })
    expect(wrongToken.bytes).toBeLessThan(200)
    await expect(fetchEmbeddedDump(port, 'not-the-token', path.join(dataDir, 'refused.tar'))).rejects.toThrow(
      /could not dump itself \(403\)/,
    )
  })

  it('waits for an open transaction to finish, so it holds all of it or none of it', async () => {
    const { controlPort } = readLock(embeddedPaths(dataDir).lockFile)!
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const dumpFile = path.join(dataDir, 'during-a-transaction.tar')
    try {
      await client.query('begin')
      await client.query("update skills set name = name || ' (committed during the dump)'")
      const dumped = fetchEmbeddedDump(controlPort!, embeddedSecret(embeddedPaths(dataDir).secretFile), dumpFile)
      await new Promise((resolve) => setTimeout(resolve, 500))
      await client.query('commit')
      await dumped
      // The dump's own statements answer nobody else: this connection still gets its own replies.
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }])
    } finally {
      await client.end()
    }
    const db = await openEmbeddedDump(dumpFile)
    try {
      const names = (await db.query<{ name: string }>('select name from skills')).rows.map((row) => row.name)
      expect(names.length).toBeGreaterThan(0)
      expect(names.every((name) => name.endsWith(' (committed during the dump)'))).toBe(true)
    } finally {
      await db.close()
    }
  })
})
