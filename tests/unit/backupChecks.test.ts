/** The checks a backup or restore makes before it touches anything. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

import { migrations } from '../../migrations'
import { checkMigrations } from '../../src/backup/checkMigrations'
import { readManifest } from '../../src/backup/manifest'
import { checkDumpVersion } from '../../src/backup/nativeDump'
import { libpqConnection } from '../../src/backup/pgTools'

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'backup-checks-'))

/** A stand-in pg_dump that reports the given version, in a directory PG_BIN_DIR can point at. */
function fakePgDump(version: string): string {
  const dir = tempDir()
  fs.writeFileSync(path.join(dir, 'pg_dump'), `#!/bin/sh\necho "pg_dump (PostgreSQL) ${version}"\n`, { mode: 0o755 })
  return dir
}

afterEach(() => {
  delete process.env.PG_BIN_DIR
})

describe('pg_dump version', () => {
  it('refuses a pg_dump older than the server, saying which tools to install', async () => {
    process.env.PG_BIN_DIR = fakePgDump('15.8')
    await expect(checkDumpVersion(160_004)).rejects.toThrow(
      'pg_dump is version 15 but the server runs PostgreSQL 16: install the PostgreSQL 16 client tools',
    )
  })

  it('accepts the same or a newer major version', async () => {
    process.env.PG_BIN_DIR = fakePgDump('16.2')
    await expect(checkDumpVersion(160_004)).resolves.toBeUndefined()
    await expect(checkDumpVersion(150_010)).resolves.toBeUndefined()
  })

  it('says so when pg_dump is missing', async () => {
    process.env.PG_BIN_DIR = tempDir()
    await expect(checkDumpVersion(150_000)).rejects.toThrow('not installed or not runnable')
  })
})

describe('archives', () => {
  it('keeps the password off the command line', () => {
    const { dbname, env } = libpqConnection('postgres://app:s%3Acret@db.example:5432/askfolio?sslmode=require')
    expect(dbname).toBe('postgres://app@db.example:5432/askfolio?sslmode=require')
    expect(env.PGPASSWORD).toBe('s:cret')
  })

  it('gives pg_dump and pg_restore only the query options libpq knows, translating node-postgres TLS settings', () => {
    const dbname = (query: string) =>
      libpqConnection(`postgres://app:pw@db.example:5432/askfolio?${query}`).dbname.split('?')[1] ?? ''
    expect(dbname('ssl=true')).toBe('sslmode=require')
    expect(dbname('sslmode=no-verify')).toBe('sslmode=require')
    expect(dbname('ssl=true&sslmode=verify-full&sslrootcert=%2Fcerts%2Fca.pem')).toBe(
      'sslrootcert=%2Fcerts%2Fca.pem&sslmode=verify-full',
    )
    expect(
      dbname(
        'application_name=askfolio&connect_timeout=5&uselibpqcompat=true&max=20&options=-c%20search_path%3Dpublic',
      ),
    ).toBe('application_name=askfolio&connect_timeout=5&options=-c%20search_path%3Dpublic')
    expect(dbname('ssl=false')).toBe('sslmode=disable')
    expect(dbname('')).toBe('')
    // A password given as a query option stays off the command line too.
    const fromQuery = libpqConnection('postgres://app@db.example/askfolio?password=s%3Acret&sslmode=require')
    expect(fromQuery.dbname).toBe('postgres://app@db.example/askfolio?sslmode=require')
    expect(fromQuery.env.PGPASSWORD).toBe('s:cret')
  })

  it('reads only our own manifest, of a version this code knows', () => {
    const dir = tempDir()
    expect(() => readManifest(dir)).toThrow('not an askfolio backup: it has no readable manifest.json')
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ appVersion: '9.0.0', format: 'askfolio-backup', formatVersion: 2 }),
    )
    expect(() => readManifest(dir)).toThrow(
      'format version 2; this code reads version 1 (restore it with the app version that wrote it, 9.0.0)',
    )
  })

  it('refuses a schema newer than the code and lists what `npm run migrate` will add to an older one', () => {
    const names = migrations.map((migration) => migration.name)
    expect(checkMigrations(names)).toEqual({ pending: [] })
    expect(checkMigrations(names.slice(0, -1))).toEqual({ pending: names.slice(-1) })
    expect(() => checkMigrations([...names, '20991231_000000_later'])).toThrow(
      'migrations this code does not know (20991231_000000_later)',
    )
  })
})
