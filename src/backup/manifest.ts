import fs from 'node:fs'
import path from 'node:path'

export const backupFormat = 'askfolio-backup'
export const backupFormatVersion = 1

export type BackupKind = 'embedded' | 'native'

export type MediaSection =
  { bytes: number; files: number; included: true } | { bucket: string; included: false; note: string; storage: 's3' }

/** manifest.json, the first entry of every archive. */
export type Manifest = {
  appVersion: string
  created: string
  database: { bytes: number; file: string; serverVersion: string }
  format: typeof backupFormat
  formatVersion: number
  kind: BackupKind
  media: MediaSection
  /** Names from payload_migrations, in the order they were applied. */
  migrations: string[]
  /** Rows per table of the public schema, at the moment of the dump. */
  rowCounts: Record<string, number>
}

export const manifestFile = (dir: string) => path.join(dir, 'manifest.json')

export function writeManifest(dir: string, manifest: Manifest): void {
  fs.writeFileSync(manifestFile(dir), `${JSON.stringify(manifest, null, 2)}\n`)
}

/** The manifest of an extracted archive, or an error saying why this is not a backup we can read. */
export function readManifest(dir: string): Manifest {
  let manifest: Partial<Manifest>
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile(dir), 'utf8')) as Partial<Manifest>
  } catch {
    throw new Error('this is not an askfolio backup: it has no readable manifest.json')
  }
  if (manifest.format !== backupFormat)
    throw new Error('this is not an askfolio backup: manifest.json has another format')
  if (manifest.formatVersion !== backupFormatVersion) {
    throw new Error(
      `this backup has format version ${manifest.formatVersion}; this code reads version ${backupFormatVersion} (restore it with the app version that wrote it, ${manifest.appVersion ?? 'unknown'})`,
    )
  }
  if (manifest.kind !== 'embedded' && manifest.kind !== 'native')
    throw new Error(`unknown backup kind ${String(manifest.kind)}`)
  if (!Array.isArray(manifest.migrations) || !manifest.database?.file || !manifest.rowCounts || !manifest.media) {
    throw new Error('manifest.json is incomplete')
  }
  if (!fs.existsSync(path.join(dir, manifest.database.file)))
    throw new Error(`the archive lacks its database dump ${manifest.database.file}`)
  return manifest as Manifest
}
