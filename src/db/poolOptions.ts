import type { PoolConfig } from 'pg'

const whole = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value >= 0 && process.env[name] !== '' ? value : fallback
}

/**
 * Connection pool settings, read from the environment, for every pool the app opens (Payload's and
 * the readiness probe's). Defaults:
 *   DATABASE_POOL_MAX                 10      connections per process
 *   DATABASE_POOL_IDLE_TIMEOUT_MS     10000   an idle connection is closed after this long
 *   DATABASE_CONNECT_TIMEOUT_MS       5000    a request waiting for a connection (a new one, or a free
 *                                             one from a full pool) fails after this long; node-postgres
 *                                             would otherwise wait forever while the database is down
 */
export const poolOptions = (): Pick<PoolConfig, 'connectionTimeoutMillis' | 'idleTimeoutMillis' | 'max'> => ({
  connectionTimeoutMillis: whole('DATABASE_CONNECT_TIMEOUT_MS', 5000),
  idleTimeoutMillis: whole('DATABASE_POOL_IDLE_TIMEOUT_MS', 10_000),
  max: whole('DATABASE_POOL_MAX', 10) || 10,
})

/**
 * How many connections the embedded database accepts (EMBEDDED_PG_MAX_CONNECTIONS, default 32). The
 * pools of every process sharing it (server, worker, CLI) must fit in this together.
 */
export const embeddedMaxConnections = (): number => whole('EMBEDDED_PG_MAX_CONNECTIONS', 32) || 32

/**
 * Read replicas for Payload's reads (DATABASE_READ_REPLICAS, comma-separated URLs; default none).
 * Writes, transactions and reads soon after a write in the same process stay on the primary.
 */
export const readReplicaUrls = (): string[] | undefined => {
  const urls = (process.env.DATABASE_READ_REPLICAS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  return urls.length > 0 ? urls : undefined
}
