import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { afterAll, inject } from 'vitest'

/**
 * The `native` project's counterpart of perFileDatabase.ts: before every test file, a private copy of
 * the migrated template (CREATE DATABASE … TEMPLATE), its own media folder, and the environment the
 * Payload config reads. No DATABASE_EMBEDDED: the app runs as it does on a real server.
 */
const adminUrl = inject('nativeAdminUrl')
const name = `file_${crypto.randomUUID().replaceAll('-', '')}`
const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
await admin(`create database ${name} template ${inject('nativeTemplate')}`)
const mediaDir = path.join(inject('testRoot'), name, 'media')
await fs.mkdir(mediaDir, { recursive: true })

process.env.DATABASE_URL = adminUrl.replace(/\/postgres\?/, `/${name}?`)
delete process.env.DATABASE_EMBEDDED
process.env.MEDIA_DIR = mediaDir
process.env.PAYLOAD_SECRET = 'askfolio-test-secret'
process.env.DATABASE_POOL_MAX = '8'
process.env.JOBS_AUTORUN ??= 'false'

afterAll(async () => {
  const { closeTestPayload } = await import('../helpers/payload')
  await closeTestPayload()
  await admin(`drop database if exists ${name} with (force)`)
}, 60_000)
