import type { RequestHandler } from 'express'

import pg from 'pg'

import { poolOptions } from '../db/poolOptions'

/** `/healthz`: the process is up and serving. */
export const liveness: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' })
}

/**
 * `/readyz`: the database answers within `timeoutMs`. It uses its own one-connection pool, so a
 * stuck request pool does not hide an outage and the check cannot starve the app of connections.
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

  const handler: RequestHandler = async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ database: 'unknown', status: 'shutting down' })
      return
    }
    try {
      await pool.query('select 1')
      res.json({ database: 'ok', status: 'ready' })
    } catch (error) {
      res.status(503).json({ database: 'unreachable', error: (error as Error).message, status: 'not ready' })
    }
  }
  return {
    close: async () => {
      shuttingDown = true
      await pool.end()
    },
    handler,
  }
}
