import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import { startEmbeddedPostgres } from '../../src/db/startEmbeddedPostgres'

export type TestDatabase = {
  dataDir: string
  lockFile: string
  mediaDir: string
  /** Stops the database (flushing it); the data directory stays until the run ends. */
  stop: () => Promise<void>
  url: string
}

/** Copies the template cluster into a new directory under `root` and serves it on a free port. */
export async function startTestDatabase(templateDir: string, root: string): Promise<TestDatabase> {
  const dir = path.join(root, `file-${crypto.randomUUID()}`)
  const dataDir = path.join(dir, 'postgres')
  const mediaDir = path.join(dir, 'media')
  await fs.cp(templateDir, dataDir, { recursive: true })
  await fs.mkdir(mediaDir, { recursive: true })
  const lockFile = path.join(dir, 'postgres.lock.json')
  const secretFile = path.join(dir, 'postgres-secret')
  const db = await startEmbeddedPostgres({ dataDir, lockFile, maxConnections: 24, secretFile })
  return { dataDir, lockFile, mediaDir, stop: db.stop, url: db.url }
}
