import type { Payload } from 'payload'

import { markDatabaseDown } from './databaseAvailability'
import { isDatabaseUnavailable } from './isDatabaseUnavailable'

type Client = { on: (event: 'error', listener: (error: Error) => void) => void }
type Pool = {
  _clients?: Client[]
  ending?: boolean
  on: ((event: 'error', listener: (error: Error) => void) => void) &
    ((event: 'connect', listener: (client: Client) => void) => void)
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
  const db = payload.db as { drizzle?: { $replicas?: { $client?: Pool }[] }; pool?: Pool }
  if (db.pool) guardPool(payload, db.pool, 'database', true)
  // Read replicas (DATABASE_READ_REPLICAS) have pools of their own. A replica going away is not the
  // primary going away, so it does not mark the database down.
  for (const replica of db.drizzle?.$replicas ?? [])
    if (replica.$client) guardPool(payload, replica.$client, 'read replica', false)
}

function guardPool(payload: Payload, pool: Pool, name: string, primary: boolean): void {
  pool.on('error', (error) => {
    if (pool.ending) return
    payload.logger.warn(`${name} connection lost: ${error.message}`)
    if (primary && isDatabaseUnavailable(error)) markDatabaseDown(error)
  })
  const guard = (client: Client) => client.on('error', ignore)
  pool.on('connect', guard)
  for (const client of pool._clients ?? []) guard(client)
}
