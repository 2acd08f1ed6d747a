import fs from 'node:fs'
import path from 'node:path'

/** Where uploads live: the local MEDIA_DIR (the default), or an S3 bucket when S3_BUCKET is set. */
export type MediaLocation = { dir: string; kind: 'local' } | { bucket: string; kind: 's3' }

export const mediaLocation = (): MediaLocation =>
  process.env.S3_BUCKET
    ? { bucket: process.env.S3_BUCKET, kind: 's3' }
    : { dir: path.resolve(process.env.MEDIA_DIR || 'media'), kind: 'local' }

/** Every file under `dir`, as paths relative to it (an absent directory has none). */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

/**
 * Copies the files of `from` that `to` does not have yet, calling `onFile` for each. Run once before
 * and once after the database dump, the copy holds every file a row of the dump can refer to: an
 * upload writes its file before its row, and a file deleted during the dump was copied the first time.
 */
export function copyNewFiles(from: string, to: string, onFile: (file: string) => void = () => {}): number {
  let copied = 0
  for (const file of listFiles(from)) {
    const target = path.join(to, file)
    if (fs.existsSync(target)) continue
    fs.mkdirSync(path.dirname(target), { recursive: true })
    try {
      fs.copyFileSync(path.join(from, file), target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue // deleted since the listing
      throw error
    }
    copied++
    onFile(file)
  }
  return copied
}

export const totalBytes = (dir: string): number =>
  listFiles(dir).reduce((sum, file) => sum + fs.statSync(path.join(dir, file)).size, 0)
