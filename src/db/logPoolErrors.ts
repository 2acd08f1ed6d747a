import type { Payload } from 'payload'

import { markDatabaseDown } from './databaseAvailability'
import { isDatabaseUnavailable } from './isDatabaseUnavailable'

/**
 * node-postgres emits 'error' on the pool when an idle connection drops (database restart, network
 * blip, shutdown). With no listener, Node turns that into an uncaught exception and the process dies.
 * Log it instead (and note that the database may be down, see databaseAvailability.ts): the pool
 * replaces the connection on the next query.
 */
export function logPoolErrors(payload: Payload): void {
  type Pool = { ending?: boolean; on: (event: 'error', listener: (error: Error) => void) => void }
  const pool = (payload.db as { pool?: Pool }).pool
  pool?.on('error', (error) => {
    if (pool.ending) return
    payload.logger.warn(`database connection lost: ${error.message}`)
    if (isDatabaseUnavailable(error)) markDatabaseDown(error)
  })
}
