import pg from 'pg'

import { poolOptions } from './poolOptions'

const lockKey = "hashtext('askfolio:migrate')"

/**
 * Runs `work` (migrations, the first seed) while holding a PostgreSQL advisory lock on a connection of
 * its own, so web processes starting together with MIGRATE_ON_START=true migrate one after the other:
 * the second waits, then finds nothing pending. The lock goes with the connection if the process dies.
 * (On the embedded database every connection shares one session, so the lock does not exclude there;
 * only one process can own an embedded database anyway.)
 */
export async function withMigrationLock<T>(connectionString: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: poolOptions().connectionTimeoutMillis })
  client.on('error', () => {}) // a dropped connection fails the query below or the work itself
  await client.connect()
  try {
    await client.query(`select pg_advisory_lock(${lockKey})`)
    return await work()
  } finally {
    await client.query(`select pg_advisory_unlock(${lockKey})`).catch(() => {})
    await client.end().catch(() => {})
  }
}
