import fs from 'node:fs'
import path from 'node:path'

/**
 * Takes group and other rights off `target` and everything under it (files 0600, folders 0700 at
 * most), for data directories that an earlier version left readable or writable by everyone.
 * Symbolic links are left alone, and not followed; files that vanish meanwhile are skipped.
 */
export function makePrivate(target: string): void {
  try {
    const stat = fs.lstatSync(target)
    if (stat.isSymbolicLink()) return
    if ((stat.mode & 0o077) !== 0) fs.chmodSync(target, stat.mode & 0o700)
    if (!stat.isDirectory()) return
    for (const name of fs.readdirSync(target)) makePrivate(path.join(target, name))
  } catch (error) {
    // A running database may remove a file while this walks its directory.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
