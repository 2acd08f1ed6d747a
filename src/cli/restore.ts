/**
 * `npm run restore FILE`: brings back an archive written by `npm run backup`.
 *
 * Embedded database: refused while anything serves DATA_DIR's database (stop the app first). The old
 * data directory and media folder are moved to `*.before-restore-<time>`.
 * Native server (DATABASE_URL): replaces the database's contents, after writing a backup of them to
 * DATA_DIR/backups/before-restore-<time>.tar.gz.
 */
import { parseArgs } from 'node:util'

import { type RestoreTarget, restoreBackup } from '../backup/restoreBackup'
import { isEmbeddedDatabase } from '../db/embeddedSafe'
import { prepareEnvironment } from '../server/prepareEnvironment'

const { positionals } = parseArgs({ allowPositionals: true, options: {} })
if (positionals.length !== 1) {
  console.error('usage: npm run restore FILE')
  process.exit(2)
}

const { dataDir } = prepareEnvironment()
const url = process.env.DATABASE_URL
const target: RestoreTarget =
  url && !isEmbeddedDatabase() ? { dataDir, kind: 'native', url } : { dataDir, kind: 'embedded' }
try {
  const started = Date.now()
  const { messages, pending } = await restoreBackup(positionals[0], target)
  for (const message of messages) console.log(`[restore] ${message}`)
  if (pending.length > 0) {
    console.log(
      `[restore] the backup predates ${pending.length} migration(s) of this code (${pending.join(', ')}): run \`npm run migrate\` now`,
    )
  }
  console.log(`[restore] done in ${((Date.now() - started) / 1000).toFixed(1)}s`)
  process.exit(0)
} catch (error) {
  console.error(`[restore] failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
