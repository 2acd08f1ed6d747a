import type { DatabaseFacts } from './databaseFacts'

import fs from 'node:fs'
import path from 'node:path'

import { progressBar } from '../cli/progressBar'
import { createArchive } from './archive'
import { scratchDir } from './backupPaths'
import { databaseFacts } from './databaseFacts'
import { fetchEmbeddedDump, openEmbeddedDump, pgliteQuery } from './embeddedDump'
import { backupFormat, backupFormatVersion, type Manifest, type MediaSection, writeManifest } from './manifest'
import { copyNewFiles, listFiles, mediaLocation, totalBytes } from './mediaFiles'
import { dumpNative } from './nativeDump'

/** The database to back up: a running embedded one (through its control port, with its secret) or a native server. */
export type BackupSource = { controlPort: number; kind: 'embedded'; token: string } | { kind: 'native'; url: string }

const appVersion = () => {
  try {
    return (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

async function dumpDatabase(source: BackupSource, databaseDir: string, log: (line: string) => void) {
  const started = Date.now()
  if (source.kind === 'native') {
    const file = path.join(databaseDir, 'native.dump')
    log('[backup] pg_dump of the native database…')
    const facts = await dumpNative(source.url, file)
    return { facts, file, started }
  }
  const file = path.join(databaseDir, 'pgdata.tar')
  log('[backup] asking the embedded database for a dump of its data directory…')
  const bytes = await fetchEmbeddedDump(source.controlPort, source.token, file)
  log(`[backup] ${megabytes(bytes)} dumped; opening the dump to check it and count its rows…`)
  const db = await openEmbeddedDump(file)
  let facts: DatabaseFacts
  try {
    facts = await databaseFacts(pgliteQuery(db))
  } finally {
    await db.close()
  }
  return { facts, file, started }
}

/** Copies local media into the staging folder, with a progress bar. */
function copyMedia(from: string, to: string): void {
  const total = listFiles(from).length
  const bar = total > 0 ? progressBar('backup media', total) : undefined
  const copied = copyNewFiles(from, to, (file) => bar?.tick(file))
  bar?.finish(`${copied} files`)
}

/**
 * Writes one archive: manifest.json, database/ (the dump) and media/ (the local uploads). Media is
 * copied before and after the dump, so the archive holds every file a row of the dump refers to.
 */
export async function writeBackup(
  source: BackupSource,
  outFile: string,
  log: (line: string) => void = console.log,
): Promise<{ file: string; manifest: Manifest }> {
  const staging = scratchDir(path.dirname(outFile), 'backup')
  try {
    const databaseDir = path.join(staging, 'database')
    const mediaDir = path.join(staging, 'media')
    fs.mkdirSync(databaseDir)
    fs.mkdirSync(mediaDir)
    const location = mediaLocation()
    if (location.kind === 'local') copyMedia(location.dir, mediaDir)

    const { facts, file, started } = await dumpDatabase(source, databaseDir, log)
    const bytes = fs.statSync(file).size
    log(
      `[backup] database: ${megabytes(bytes)}, ${Object.keys(facts.rowCounts).length} tables, ${facts.migrations.length} migrations, in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    )

    let media: MediaSection
    if (location.kind === 'local') {
      const added = copyNewFiles(location.dir, mediaDir)
      if (added > 0) log(`[backup] ${added} media files added during the dump, copied too`)
      media = { bytes: totalBytes(mediaDir), files: listFiles(mediaDir).length, included: true }
    } else {
      const note = `Media is stored in the S3 bucket "${location.bucket}" and is not in this archive: back the bucket up with the bucket's own tools (turn on versioning).`
      log(`[backup] NOTE: ${note}`)
      media = { bucket: location.bucket, included: false, note, storage: 's3' }
    }

    const manifest: Manifest = {
      appVersion: appVersion(),
      created: new Date().toISOString(),
      database: { bytes, file: path.relative(staging, file), serverVersion: facts.serverVersion },
      format: backupFormat,
      formatVersion: backupFormatVersion,
      kind: source.kind,
      media,
      migrations: facts.migrations,
      rowCounts: facts.rowCounts,
    }
    writeManifest(staging, manifest)
    log(`[backup] writing ${outFile}…`)
    const size = await createArchive(staging, ['manifest.json', 'database', 'media'], outFile)
    log(`[backup] archive: ${megabytes(size)}`)
    return { file: outFile, manifest }
  } finally {
    fs.rmSync(staging, { force: true, recursive: true })
  }
}
