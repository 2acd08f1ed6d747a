import fs from 'node:fs'
import path from 'node:path'

import { keptSecret } from '../db/keptSecret'
import { makePrivate } from '../db/makePrivate'

export type Environment = {
  dataDir: string
  production: boolean
}

/**
 * Settles the environment every entry point shares, before the Payload config is loaded:
 * reads `.env` when present, resolves DATA_DIR, and in development invents and keeps a
 * PAYLOAD_SECRET under DATA_DIR so that a fresh clone runs without any setup. Production must
 * be given its secret. DATA_DIR holds secrets, the embedded database, the outbox and backups, so it
 * is private to the app's user: 0700, its files 0600 (a directory an earlier version made is
 * tightened here).
 */
export function prepareEnvironment(): Environment {
  if (fs.existsSync('.env')) process.loadEnvFile('.env')
  const production = process.env.NODE_ENV === 'production'
  const dataDir = path.resolve(process.env.DATA_DIR || '.data')
  process.env.DATA_DIR = dataDir
  fs.mkdirSync(dataDir, { mode: 0o700, recursive: true })
  makePrivate(dataDir)

  if (!process.env.PAYLOAD_SECRET) {
    if (production) throw new Error('PAYLOAD_SECRET must be set in production (see .env.example).')
    process.env.PAYLOAD_SECRET = keptSecret(path.join(dataDir, 'payload-secret'))
  }
  return { dataDir, production }
}
