/**
 * `npm run backup [-- --out FILE]`: one archive with the database and the local media, by default
 * DATA_DIR/backups/askfolio-<UTC time>.tar.gz. Runs under withDatabase, so DATABASE_URL is set: a
 * native server is dumped with pg_dump; the embedded database (running, or started for this command)
 * dumps its data directory through its control port. The app may keep running meanwhile.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import { defaultBackupFile } from '../backup/backupPaths'
import { type BackupSource, writeBackup } from '../backup/writeBackup'
import { readLock } from '../db/embeddedPostgresLock'
import { isEmbeddedDatabase } from '../db/embeddedSafe'
import { embeddedSecret } from '../db/embeddedSecret'
import { embeddedPaths } from '../db/resolveDatabase'
import { prepareEnvironment } from '../server/prepareEnvironment'

function backupSource(dataDir: string): BackupSource {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: run this through `npm run backup`')
  if (!isEmbeddedDatabase()) return { kind: 'native', url }
  const { lockFile, secretFile } = embeddedPaths(dataDir)
  const lock = readLock(lockFile)
  if (!lock?.controlPort) {
    throw new Error(
      lock
        ? `the embedded database (process ${lock.pid}) has no control port: it was started by an older version; restart the app and try again`
        : `no embedded database is running for ${dataDir} (lock ${lockFile})`,
    )
  }
  return { controlPort: lock.controlPort, kind: 'embedded', token: embeddedSecret(secretFile) }
}

const { values } = parseArgs({ options: { out: { short: 'o', type: 'string' } } })
const { dataDir } = prepareEnvironment()
try {
  const out = values.out ? path.resolve(values.out) : defaultBackupFile(dataDir)
  const started = Date.now()
  const { file } = await writeBackup(backupSource(dataDir), out)
  console.log(`[backup] done in ${((Date.now() - started) / 1000).toFixed(1)}s: ${file}`)
  process.exit(0)
} catch (error) {
  console.error(`[backup] failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
