import fs from 'node:fs'

/**
 * Makes every file and folder this process creates from now on private to its user (0600 / 0700),
 * for the processes that host PGlite. Its file system layer creates files with mode 0777 (which the
 * umask trims) and then chmods them to what PostgreSQL asked for, which for some files is 0644, and
 * the cluster it initialises comes out 0666; so besides the umask, chmod here drops group and other
 * rights. The data files hold everything, password hashes and the audit log included.
 */
export function keepFilesPrivate(): void {
  process.umask(0o077)
  const chmodSync = fs.chmodSync
  const fchmodSync = fs.fchmodSync
  fs.chmodSync = (file, mode) => chmodSync(file, toPrivate(mode))
  fs.fchmodSync = (fd, mode) => fchmodSync(fd, toPrivate(mode))
}

const toPrivate = (mode: fs.Mode): number => (typeof mode === 'string' ? parseInt(mode, 8) : mode) & ~0o077
