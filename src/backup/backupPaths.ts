import fs from 'node:fs'
import path from 'node:path'

/** A UTC time usable in a file name: 2026-11-22T05-40-58Z. */
export const fileStamp = (date = new Date()) => `${date.toISOString().slice(0, 19).replaceAll(':', '-')}Z`

/** Where a backup goes unless --out says otherwise: DATA_DIR/backups/askfolio-<UTC time>.tar.gz (the folder is made 0700). */
export const defaultBackupFile = (dataDir: string, date = new Date()) =>
  path.join(backupsDir(dataDir), `askfolio-${fileStamp(date)}.tar.gz`)

/** Creates `dir` (and its parents) if missing; `dir` itself only its owner may enter (0700). */
export function privateDir(dir: string): string {
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  try {
    fs.mkdirSync(dir, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return dir
}

/** DATA_DIR/backups, made private (0700) even if an older version created it open: archives hold password hashes. */
export function backupsDir(dataDir: string): string {
  const dir = privateDir(path.join(dataDir, 'backups'))
  fs.chmodSync(dir, 0o700)
  return dir
}

/** A fresh scratch directory next to `near` (created private if missing), on the same file system so that renames are cheap. */
export function scratchDir(near: string, label: string): string {
  privateDir(near)
  return fs.mkdtempSync(path.join(near, `.${label}-`))
}

export const asidePath = (target: string, stamp: string) => `${target}.before-restore-${stamp}`

/**
 * Moves `target` out of the way to `<target>.before-restore-<time>` (when it exists) and returns the
 * new path, so that a wrong restore can be undone by moving it back.
 */
export function setAside(target: string, stamp: string): null | string {
  if (!fs.existsSync(target)) return null
  const aside = asidePath(target, stamp)
  fs.renameSync(target, aside)
  return aside
}

/** Puts `from` at `to`: a rename on one file system, a copy across file systems. */
export function moveInto(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fs.renameSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    fs.cpSync(from, to, { recursive: true })
    fs.rmSync(from, { force: true, recursive: true })
  }
}
