/**
 * Child-process entry for the embedded PostgreSQL (PGlite + pgvector over the wire protocol).
 *
 * PGlite runs every query synchronously on the thread that hosts it, so it lives here, in its own
 * process, and never on a web server's event loop. The parent (see startEmbeddedPostgres.ts) forks
 * this file and waits for a `ready` message carrying the port.
 *
 * Settings arrive through the environment:
 *   EMBEDDED_PG_DATA_DIR         directory of the PGlite cluster (created when missing)
 *   EMBEDDED_PG_PORT             port on 127.0.0.1 (0 picks a free one)
 *   EMBEDDED_PG_MAX_CONNECTIONS  how many clients the multiplexer accepts
 *   EMBEDDED_PG_LOCK_FILE        file recording {pid, port, controlPort} while this process serves the cluster
 *   EMBEDDED_PG_SECRET_FILE      file with the password clients must give (see embeddedSecret.ts)
 *   EMBEDDED_PG_MAINTENANCE_SECONDS  how often tables are checked for vacuum and analyze (default 60; see embeddedMaintenance.ts)
 *
 * PGlite checks no passwords, so requirePassword.ts does, in front of it; the control endpoint wants
 * the same secret. Everything this process writes is private to its user (keepFilesPrivate.ts), and a
 * cluster an earlier version left readable by everyone is tightened before it is opened.
 *
 * Besides the wire protocol it serves a small control endpoint on loopback (see embeddedControl.ts):
 * `npm run backup` asks it for a consistent dump of the data directory.
 */
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import fs from 'node:fs'

import { startControlServer } from './embeddedControl'
import { maintainEmbeddedDatabase } from './embeddedMaintenance'
import { acquireLock, releaseLock } from './embeddedPostgresLock'
import { embeddedSecret } from './embeddedSecret'
import { groupExtendedQueries } from './groupExtendedQueries'
import { keepFilesPrivate } from './keepFilesPrivate'
import { makePrivate } from './makePrivate'
import { requirePassword } from './requirePassword'

type ParentMessage = { type: 'ready'; port: number } | { type: 'error'; message: string }

const dataDir = process.env.EMBEDDED_PG_DATA_DIR
const lockFile = process.env.EMBEDDED_PG_LOCK_FILE
const secretFile = process.env.EMBEDDED_PG_SECRET_FILE
const requestedPort = Number(process.env.EMBEDDED_PG_PORT ?? 0)
const maxConnections = Number(process.env.EMBEDDED_PG_MAX_CONNECTIONS ?? 32)

const tell = (message: ParentMessage) => {
  if (process.send) process.send(message)
}

async function main(): Promise<void> {
  if (!dataDir || !lockFile || !secretFile) {
    throw new Error('EMBEDDED_PG_DATA_DIR, EMBEDDED_PG_LOCK_FILE and EMBEDDED_PG_SECRET_FILE are required')
  }
  keepFilesPrivate()
  const password = embeddedSecret(secretFile)
  fs.mkdirSync(dataDir, { recursive: true })
  acquireLock(lockFile, { pid: process.pid, port: 0 })
  makePrivate(dataDir)

  const db = await PGlite.create({ dataDir, extensions: { vector } })
  const server = new PGLiteSocketServer({
    db,
    debug: process.env.EMBEDDED_PG_DEBUG === 'true',
    host: '127.0.0.1',
    maxConnections,
    port: requestedPort,
  })
  groupExtendedQueries(server)
  requirePassword(server, password)
  await server.start()
  const port = Number(server.getServerConn().split(':').pop())
  const control = await startControlServer(db, password)
  const maintenance = maintainEmbeddedDatabase(db, {
    intervalMs: Number(process.env.EMBEDDED_PG_MAINTENANCE_SECONDS ?? 60) * 1000,
  })
  acquireLock(lockFile, { controlPort: control.port, pid: process.pid, port }, { overwriteOwn: true })

  let stopping = false
  const stop = async (reason: string) => {
    if (stopping) return
    stopping = true
    try {
      maintenance.stop()
      await server.stop()
      await control.close()
      // close() checkpoints and flushes the cluster to disk.
      await db.close()
    } catch (error) {
      console.error(`[embedded-postgres] error while stopping (${reason}):`, error)
    } finally {
      releaseLock(lockFile, process.pid)
      process.exit(0)
    }
  }

  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
  // The parent owns our lifetime: when it goes away (even by kill -9), shut down cleanly.
  process.on('disconnect', () => void stop('parent exited'))
  process.on('message', (message: unknown) => {
    if ((message as { type?: string })?.type === 'stop') void stop('asked by parent')
  })

  tell({ type: 'ready', port })
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  tell({ type: 'error', message })
  if (lockFile) releaseLock(lockFile, process.pid)
  console.error('[embedded-postgres] failed to start:', error)
  process.exit(1)
})
