import fs from 'node:fs'

/**
 * What a running embedded database records about itself next to its data directory. `controlPort`
 * is its loopback control endpoint (dumps for backups); a restore holds the lock with port 0.
 */
export type EmbeddedPostgresLock = { controlPort?: number; pid: number; port: number }

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The lock of a live embedded database, or null when there is none (or only a stale one). */
export function readLock(file: string): EmbeddedPostgresLock | null {
  let lock: EmbeddedPostgresLock
  try {
    lock = JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedPostgresLock
  } catch {
    return null
  }
  if (!Number.isInteger(lock.pid) || !isAlive(lock.pid)) return null
  return lock
}

/**
 * Takes the lock for this process. Two PGlite instances on one data directory would corrupt it, so a
 * live owner is an error; a stale lock (its process is gone) is replaced.
 */
export function acquireLock(
  file: string,
  lock: EmbeddedPostgresLock,
  { overwriteOwn = false }: { overwriteOwn?: boolean } = {},
): void {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = readLock(file)
    if (existing && existing.pid !== lock.pid) {
      throw new Error(
        `The embedded database is already served by process ${existing.pid} on port ${existing.port} (lock ${file}).`,
      )
    }
    if (existing) {
      if (!overwriteOwn) return
      const tmp = `${file}.${process.pid}.tmp`
      fs.writeFileSync(tmp, JSON.stringify(lock), { mode: 0o600 })
      fs.renameSync(tmp, file)
      return
    }
    fs.rmSync(file, { force: true }) // stale
    try {
      fs.writeFileSync(file, JSON.stringify(lock), { flag: 'wx', mode: 0o600 })
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      // another process won the race: look again
    }
  }
  throw new Error(`Could not take the embedded database lock ${file}`)
}

/** Removes the lock if this process still owns it. */
export function releaseLock(file: string, pid: number): void {
  try {
    const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedPostgresLock
    if (lock.pid === pid) fs.rmSync(file, { force: true })
  } catch {
    // already gone
  }
}
