import type { BackupKind, Manifest } from './manifest'

import fs from 'node:fs'
import path from 'node:path'

import { acquireLock, readLock, releaseLock } from '../db/embeddedPostgresLock'
import { embeddedPaths } from '../db/resolveDatabase'
import { extractArchive } from './archive'
import { backupsDir, fileStamp, scratchDir } from './backupPaths'
import { checkMediaRestore } from './checkMediaRestore'
import { checkMigrations } from './checkMigrations'
import { countDifferences } from './databaseFacts'
import { readManifest } from './manifest'
import { nativeFacts, restoreNative } from './nativeRestore'
import { libpqConnection, pgTool, runTool } from './pgTools'
import { restoreEmbeddedDatabase } from './restoreEmbedded'
import { restoreMedia } from './restoreMedia'
import { writeBackup } from './writeBackup'

/** Where to restore: the embedded database of DATA_DIR, or the native server of DATABASE_URL. */
export type RestoreTarget = { dataDir: string; kind: 'embedded' } | { dataDir: string; kind: 'native'; url: string }

export type RestoreResult = { manifest: Manifest; messages: string[]; pending: string[] }

type Log = (line: string) => void

const kindName = (kind: BackupKind) =>
  kind === 'embedded' ? 'the embedded database (PGlite)' : 'a native PostgreSQL server'

/**
 * Holds the embedded database's lock for the whole restore, so that no server starts on the data
 * directory meanwhile; refuses when something already serves it.
 */
async function withEmbeddedLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const { lockFile } = embeddedPaths(dataDir)
  const running = readLock(lockFile)
  const refuse = (pid: number) =>
    new Error(
      `the embedded database is in use by process ${pid} (a running server or command, lock ${lockFile}). Stop it first: restoring under a live app would lose the writes it makes.`,
    )
  if (running) throw refuse(running.pid)
  try {
    acquireLock(lockFile, { pid: process.pid, port: 0 })
  } catch {
    throw refuse(readLock(lockFile)?.pid ?? 0)
  }
  try {
    return await work()
  } finally {
    releaseLock(lockFile, process.pid)
  }
}

async function restoreEmbedded(
  manifest: Manifest,
  extracted: string,
  dataDir: string,
  stamp: string,
  log: Log,
  onChange: () => void,
) {
  const { pgDir } = embeddedPaths(dataDir)
  log('[restore] loading the database dump into a new data directory and checking it…')
  const aside = await restoreEmbeddedDatabase(
    path.join(extracted, manifest.database.file),
    pgDir,
    stamp,
    manifest.rowCounts,
    onChange,
  )
  return aside ? [`the previous database is kept at ${aside}`] : []
}

async function restoreNativeDatabase(
  manifest: Manifest,
  extracted: string,
  target: { dataDir: string; url: string },
  stamp: string,
  log: Log,
  onChange: () => void,
) {
  const dumpFile = path.join(extracted, manifest.database.file)
  const { dbname, env } = libpqConnection(target.url)
  await runTool(pgTool('pg_restore'), ['--list', dumpFile], env) // a readable dump, before anything changes
  const where = new URL(dbname)
  log(`[restore] this REPLACES the contents of database "${where.pathname.slice(1)}" on ${where.host}`)
  const safety = path.join(target.dataDir, 'backups', `before-restore-${stamp}.tar.gz`)
  log(`[restore] first, a backup of what is there now: ${safety}`)
  await writeBackup({ kind: 'native', url: target.url }, safety, log)
  log('[restore] pg_restore --clean --if-exists --no-owner --single-transaction…')
  onChange()
  await restoreNative(target.url, dumpFile)
  // --clean drops only what the dump holds: tables of later migrations stay, and are reported.
  const { rowCounts } = await nativeFacts(target.url)
  const extra = Object.keys(rowCounts).filter((table) => !(table in manifest.rowCounts))
  const differences = countDifferences(
    manifest.rowCounts,
    Object.fromEntries(Object.entries(rowCounts).filter(([table]) => !extra.includes(table))),
  )
  if (differences.length > 0) {
    throw new Error(
      `the restored database does not match the manifest (${differences.join(', ')}); the previous contents are in ${safety}`,
    )
  }
  return [
    `the previous contents are kept in ${safety} (npm run restore ${safety} brings them back)`,
    ...(extra.length > 0
      ? [
          `tables that are not in the backup were left as they were: ${extra.join(', ')} (drop them before \`npm run migrate\` if later migrations made them)`,
        ]
      : []),
  ]
}

/**
 * Restores an archive written by writeBackup. Nothing changes until the archive has been unpacked and
 * its manifest, schema version and database dump checked; what is replaced is kept aside.
 */
export async function restoreBackup(
  file: string,
  target: RestoreTarget,
  log: Log = console.log,
): Promise<RestoreResult> {
  const stamp = fileStamp()
  let changed = false
  const onChange = () => (changed = true)
  /** What has been done so far, told with any later error so that nothing moved aside is lost. */
  const done: string[] = []
  const extracted = scratchDir(backupsDir(target.dataDir), 'restore')
  try {
    log(`[restore] unpacking ${file}…`)
    await extractArchive(path.resolve(file), extracted)
    const manifest = readManifest(extracted)
    log(
      `[restore] backup of ${manifest.created} (app ${manifest.appVersion}, ${manifest.migrations.length} migrations)`,
    )
    if (manifest.kind !== target.kind) {
      throw new Error(
        `this backup holds ${kindName(manifest.kind)}, but the app is configured for ${kindName(target.kind)}; restore it where it was taken`,
      )
    }
    const { pending } = checkMigrations(manifest.migrations)
    checkMediaRestore(manifest, stamp)
    const restoreAll = async () => {
      done.push(
        ...(target.kind === 'embedded'
          ? await restoreEmbedded(manifest, extracted, target.dataDir, stamp, log, onChange)
          : await restoreNativeDatabase(manifest, extracted, target, stamp, log, onChange)),
      )
      done.push(...restoreMedia(manifest, extracted, target.dataDir, stamp))
      return done
    }
    const messages =
      target.kind === 'embedded' ? await withEmbeddedLock(target.dataDir, restoreAll) : await restoreAll()
    return { manifest, messages, pending }
  } catch (error) {
    if (!(error instanceof Error)) throw error
    if (!changed) throw new Error(`${error.message} (nothing was changed)`, { cause: error })
    if (done.length === 0) throw error
    throw new Error(`${error.message} (already done: the database was restored; ${done.join('; ')})`, { cause: error })
  } finally {
    fs.rmSync(extracted, { force: true, recursive: true })
  }
}
