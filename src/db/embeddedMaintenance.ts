import type { PGlite } from '@electric-sql/pglite'

import { queryMessage } from './embeddedControl'

/**
 * PGlite runs PostgreSQL as a single backend with no background workers, so nothing ever vacuums or
 * analyzes its tables: the planner keeps the row counts of empty tables (a search index of 50,000
 * chunks planned as if it were empty), and index-only scans read the heap for every row because no
 * page is ever marked all-visible. This does autovacuum's job for it, with autovacuum's default
 * thresholds: every `intervalMs`, tables whose changes since the last pass exceed them are vacuumed
 * and analyzed (or only analyzed), one statement at a time, each between two queries while no
 * transaction is open. A pass over a table blocks other queries for its length, as every query here
 * does; after the first pass only changed pages are read.
 */
export function maintainEmbeddedDatabase(db: PGlite, { intervalMs = 60_000 } = {}): { stop: () => void } {
  let running = false
  const pass = async () => {
    if (running || db.closed) return
    running = true
    try {
      for (const { name, vacuum } of await tablesDue(db))
        await runBetweenTransactions(db, `${vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${name}`)
    } catch (error) {
      console.error('[embedded-postgres] maintenance pass failed:', error instanceof Error ? error.message : error)
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void pass(), intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}

type Due = { name: string; vacuum: boolean }

// autovacuum's defaults: vacuum past 50 dead rows + 20 % of the table (or 1,000 inserts + 20 %),
// analyze past 50 changed rows + 10 %.
async function tablesDue(db: PGlite): Promise<Due[]> {
  await db.query('select pg_stat_force_next_flush()')
  const { rows } = await db.query<{ name: string; vacuum: boolean }>(`
    select format('%I.%I', s.schemaname, s.relname) as name,
      (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) or s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)) as vacuum
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
      or s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
      or s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
    order by s.n_mod_since_analyze desc`)
  return rows
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs one statement on the backend while no client holds a transaction open (they share one session). */
async function runBetweenTransactions(db: PGlite, statement: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now()
  for (;;) {
    const ran = await db.runExclusive(async () => {
      if (db.isInTransaction()) return false
      await db.execProtocolRawStream(queryMessage(statement), { onRawData: () => {} })
      return true
    })
    if (ran || Date.now() - started > timeoutMs) return
    await pause(20)
  }
}
