import type { Payload } from 'payload'

import { markDatabaseDown } from './databaseAvailability'
import { isDatabaseUnavailable } from './isDatabaseUnavailable'

type Client = { on: (event: 'error', listener: (error: Error) => void) => void }
type Pool = {
  _clients?: Client[]
  ending?: boolean
  on: ((event: 'error', listener: (error: Error) => void) => void) & ((event: 'connect', listener: (client: Client) => void) => void)
}

const ignore = () => {} // the client's holder sees the error on its next query and releases it; the pool drops it then

/**
 * node-postgres emits 'error' when a connection drops (database restart, network blip, shutdown): on
 * the pool for an idle connection, and on the client itself for one that is checked out between two
 * queries (a transaction, Payload's long-held client). With no listener, Node turns either into an
 * uncaught exception and the process dies. Log it instead (and note that the database may be down,
 * see databaseAvailability.ts); the pool replaces the connection on the next query.
 */
export function logPoolErrors(payload: Payload): void {
  const pool = (payload.db as { pool?: Pool }).pool
  if (!pool) return
  pool.on('error', (error) => {
    if (pool.ending) return
    payload.logger.warn(`database connection lost: ${error.message}`)
    if (isDatabaseUnavailable(error)) markDatabaseDown(error)
  })
  const guard = (client: Client) => client.on('error', ignore)
  pool.on('connect', guard)
  for (const client of pool._clients ?? []) guard(client)
}
