import path from 'node:path'

import { readLock } from './embeddedPostgresLock'
import { isEmbeddedDatabase } from './embeddedSafe'
import { embeddedSecret } from './embeddedSecret'
import { embeddedPostgresUrl, startEmbeddedPostgres } from './startEmbeddedPostgres'
import { superviseEmbeddedPostgres } from './superviseEmbeddedPostgres'

export type ResolvedDatabase = {
  /** 'external': DATABASE_URL; 'owned': we started the embedded database; 'shared': another process did. */
  kind: 'external' | 'owned' | 'shared'
  /** Stops the embedded database if this process started it; otherwise does nothing. */
  stop: () => Promise<void>
  url: string
}

export type ResolveDatabaseOptions = {
  dataDir: string
  maxConnections?: number
  /** Restart the embedded database when it dies (the server); `onGiveUp` after repeated failures. */
  supervise?: { onGiveUp: (error: unknown) => void }
}

export const embeddedPaths = (dataDir: string) => ({
  lockFile: path.join(dataDir, 'postgres.lock.json'),
  pgDir: path.join(dataDir, 'postgres'),
  /** The database's password and control token (see embeddedSecret.ts). */
  secretFile: path.join(dataDir, 'postgres-secret'),
})

/**
 * The database every entry point (server, CLI scripts, benchmarks) talks to: DATABASE_URL when set;
 * otherwise the embedded PostgreSQL for `dataDir`, reusing the one a running server already serves.
 */
export async function resolveDatabase(options: ResolveDatabaseOptions): Promise<ResolvedDatabase> {
  const given = process.env.DATABASE_URL
  if (given) {
    // DATABASE_EMBEDDED marks a URL that a parent process (server, CLI wrapper) got from the embedded database.
    return { kind: isEmbeddedDatabase() ? 'shared' : 'external', stop: async () => {}, url: given }
  }
  process.env.DATABASE_EMBEDDED = 'true'

  const { lockFile, pgDir, secretFile } = embeddedPaths(options.dataDir)
  const running = readLock(lockFile)
  if (running?.port)
    return { kind: 'shared', stop: async () => {}, url: embeddedPostgresUrl(running.port, embeddedSecret(secretFile)) }

  const start = { dataDir: pgDir, lockFile, maxConnections: options.maxConnections, secretFile }
  const db = options.supervise
    ? await superviseEmbeddedPostgres({ ...start, onGiveUp: options.supervise.onGiveUp })
    : await startEmbeddedPostgres(start)
  return { kind: 'owned', stop: db.stop, url: db.url }
}
