import type { RequestHandler } from 'express'

import pg from 'pg'

import { markDatabaseDown, markDatabaseUp } from '../db/databaseAvailability'
import { poolOptions } from '../db/poolOptions'

/** `/healthz`: the process is up and serving. */
export const liveness: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' })
}

/**
 * `/readyz`: the database answers within `timeoutMs`. It uses its own one-connection pool, so a
 * stuck request pool does not hide an outage and the check cannot starve the app of connections.
 * `check` is the same probe, for the database gate (databaseGate.ts).
 */
export function readiness({ connectionString, timeoutMs = 2000 }: { connectionString: string; timeoutMs?: number }) {
  const pool = new pg.Pool({
    ...poolOptions(),
    connectionString,
    connectionTimeoutMillis: timeoutMs,
    max: 1,
    query_timeout: timeoutMs,
  })
  pool.on('error', () => {}) // a dropped idle connection is reported by the next check
  let shuttingDown = false

  const check = async (): Promise<void> => {
    await pool.query('select 1')
  }

  const handler: RequestHandler = async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ database: 'unknown', status: 'shutting down' })
      return
    }
    try {
      await check()
      markDatabaseUp()
      res.json({ database: 'ok', status: 'ready' })
    } catch (error) {
      markDatabaseDown(error)
      // The driver's message names the database host, port and user: it goes to the log, not to
      // whoever asks (the endpoint is public, for load balancers).
      console.error(`[readyz] the database is unavailable: ${(error as Error).message}`)
      res.status(503).json({ database: 'unavailable', status: 'not ready' })
    }
  }
  return {
    check,
    close: async () => {
      shuttingDown = true
      await pool.end()
    },
    handler,
  }
}
