import fs from 'node:fs'

import { makePrivate } from '../db/makePrivate'
import { setAside } from './backupPaths'
import { countDifferences, databaseFacts } from './databaseFacts'
import { openEmbeddedDump, pgliteQuery } from './embeddedDump'

/**
 * Puts a data-dir dump in place of the embedded cluster `pgDir`. The dump is first written out to a
 * new directory beside it and opened there, and its row counts checked against the manifest; only then
 * is the old cluster moved aside (returned) and the new one moved in. A bad dump changes nothing.
 */
export async function restoreEmbeddedDatabase(
  dumpFile: string,
  pgDir: string,
  stamp: string,
  expected: Record<string, number>,
  onChange: () => void,
): Promise<null | string> {
  const incoming = `${pgDir}.restoring-${stamp}`
  fs.rmSync(incoming, { force: true, recursive: true })
  try {
    const db = await openEmbeddedDump(dumpFile, incoming)
    try {
      const differences = countDifferences(expected, (await databaseFacts(pgliteQuery(db))).rowCounts)
      if (differences.length > 0)
        throw new Error(`the restored database does not match the manifest: ${differences.join(', ')}`)
    } finally {
      await db.close()
    }
    // PGlite writes some files world-readable; the database process tightens them too, but only when it starts.
    makePrivate(incoming)
  } catch (error) {
    fs.rmSync(incoming, { force: true, recursive: true })
    throw error
  }
  onChange()
  const aside = setAside(pgDir, stamp)
  try {
    fs.renameSync(incoming, pgDir)
  } catch (error) {
    throw new Error(
      `could not move the restored database ${incoming} to ${pgDir} (${(error as Error).message}); the previous one is at ${aside ?? '(there was none)'}`,
      { cause: error },
    )
  }
  return aside
}
