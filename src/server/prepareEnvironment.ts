import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export type Environment = {
  dataDir: string
  production: boolean
}

/**
 * Settles the environment every entry point shares, before the Payload config is loaded:
 * reads `.env` when present, resolves DATA_DIR, and in development invents and keeps a
 * PAYLOAD_SECRET under DATA_DIR so that a fresh clone runs without any setup. Production must
 * be given its secret.
 */
export function prepareEnvironment(): Environment {
  if (fs.existsSync('.env')) process.loadEnvFile('.env')
  const production = process.env.NODE_ENV === 'production'
  const dataDir = path.resolve(process.env.DATA_DIR || '.data')
  process.env.DATA_DIR = dataDir
  fs.mkdirSync(dataDir, { recursive: true })

  if (!process.env.PAYLOAD_SECRET) {
    if (production) throw new Error('PAYLOAD_SECRET must be set in production (see .env.example).')
    const secretFile = path.join(dataDir, 'payload-secret')
    if (!fs.existsSync(secretFile)) {
      fs.writeFileSync(secretFile, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })
    }
    process.env.PAYLOAD_SECRET = fs.readFileSync(secretFile, 'utf8').trim()
  }
  return { dataDir, production }
}
