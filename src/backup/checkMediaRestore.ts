import type { Manifest } from './manifest'

import fs from 'node:fs'
import path from 'node:path'

import { asidePath } from './backupPaths'
import { mediaLocation } from './mediaFiles'

/** Whether `dir` is a mount point (a Docker volume, say): one cannot rename it, only its contents. */
function isMountPoint(dir: string): boolean {
  const real = fs.realpathSync(dir)
  if (fs.statSync(real).dev !== fs.statSync(path.dirname(real)).dev) return true
  try {
    // Field 5 of each line is the mount point, with spaces and the like as octal escapes.
    const points = fs
      .readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[4])
    return points.some(
      (point) =>
        point?.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))) === real,
    )
  } catch {
    return false // no /proc: the device check above is all there is
  }
}

/** Creates a file beside the folder and renames it to the folder's set-aside name, then removes it. */
function probeSetAside(aside: string): void {
  if (fs.existsSync(aside)) throw new Error(`${aside} already exists`)
  const probe = `${aside}.probe`
  fs.writeFileSync(probe, '', { flag: 'wx' })
  try {
    fs.renameSync(probe, aside)
  } finally {
    fs.rmSync(probe, { force: true })
    fs.rmSync(aside, { force: true })
  }
}

/**
 * Before the database is touched: can the local media folder be moved aside and replaced? Refuses
 * (with what to change) when MEDIA_DIR is not a folder, is a mount point, or its parent folder cannot
 * take the set-aside copy.
 */
export function checkMediaRestore(manifest: Manifest, stamp: string): void {
  const location = mediaLocation()
  if (!manifest.media.included || location.kind !== 'local') return
  const { dir } = location
  const refuse = (why: string) =>
    new Error(
      `cannot restore the media: ${why}. The current media folder is moved aside to ${asidePath(dir, stamp)} first, so MEDIA_DIR must be a folder (not a mount point) in a writable parent folder; with Docker, mount the volume on its parent (see docs/deployment.md)`,
    )
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw refuse(`MEDIA_DIR (${dir}) is not a folder`)
    if (isMountPoint(dir)) throw refuse(`MEDIA_DIR (${dir}) is a mount point`)
  }
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true })
    probeSetAside(asidePath(dir, stamp))
  } catch (error) {
    throw refuse(`cannot write beside MEDIA_DIR (${(error as Error).message})`)
  }
}
