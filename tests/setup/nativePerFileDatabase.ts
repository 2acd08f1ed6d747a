import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'

import { useFileEnvironment } from './fileEnvironment'

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

useFileEnvironment({
  embedded: false,
  mediaDir,
  release: () => admin(`drop database if exists ${name} with (force)`),
  url: adminUrl.replace(/\/postgres\?/, `/${name}?`),
})
