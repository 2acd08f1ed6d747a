import { sql } from '@payloadcms/db-postgres/drizzle'

import type { Database } from './database'

/**
 * Every insert and delete on the chunk table updates the shared term counts and the one statistics
 * row (triggers in the retrieval migration). Each row's trigger takes its locks in order, but a
 * statement writing several rows does not, so two indexing transactions on a real PostgreSQL server
 * deadlock ("deadlock detected") now and then. Writers take this transaction-level lock first, after
 * any per-document lock, so they update the statistics one at a time. (On the embedded database all
 * connections share one session, where the lock is re-entrant and changes nothing.)
 */
export async function lockTextStatistics(tx: Database): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('retrieval:text-statistics'))`)
}
