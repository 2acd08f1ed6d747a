import type { SQL } from '@payloadcms/db-postgres/drizzle'

import type { PageCacheStore } from './pageCacheStore'

import { PgDialect } from '@payloadcms/db-postgres/drizzle/pg-core'
import pg from 'pg'

import { poolOptions } from '../db/poolOptions'
import {
  invalidationChannel,
  type InvalidationRow,
  invalidationsTable,
  pruneInvalidationsSql,
  readInvalidationsSql,
} from './invalidationLog'
import { everythingTag } from './siteTags'

export type FollowOptions = {
  connectionString: string
  /** How often the log is read whatever else happens. @default 1000 */
  intervalMs?: number
  /** LISTEN for changes as they commit (a real PostgreSQL; the embedded one has no notifications). @default true */
  listen?: boolean
  log?: (message: string) => void
  store: PageCacheStore
}

const dialect = new PgDialect()
const toQuery = (query: SQL) => dialect.sqlToQuery(query)
const hour = 60 * 60 * 1000
/**
 * Failed reads in a row before caching stops. One read can time out behind a long transaction (on
 * the embedded database every statement waits for any open one) and the next one catches up from
 * the same horizon, losing nothing; only a longer failure means pages may be going stale unseen.
 */
const failuresBeforeStopping = 3

/**
 * Keeps this instance's page cache in step with every instance's writes: reads the invalidation log
 * every `intervalMs` and whenever a notification arrives, and drops the pages each new entry names.
 * Pages are cached only while it keeps up: until its first read, and after a failed one, the store
 * serves nothing, and the first good read after a failure drops everything (what changed meanwhile
 * is not known for sure).
 */
export function followInvalidations({
  connectionString,
  intervalMs = 1000,
  listen = true,
  log = console.log,
  store,
}: FollowOptions) {
  const pool = new pg.Pool({ ...poolOptions(), connectionString, max: 1, query_timeout: 5000 })
  pool.on('error', () => {}) // the next read reports it
  let horizon: null | string = null
  const seen = new Map<number, bigint>()
  let failures = 0
  let failing = false
  let closed = false

  async function readOnce(): Promise<void> {
    const { params, sql } = toQuery(readInvalidationsSql(horizon))
    const { rows } = await pool.query<{ horizon: string; rows: InvalidationRow[] }>(sql, params)
    const next = BigInt(rows[0].horizon)
    // A horizon that went back means another database (a restore): nothing known about it holds.
    const lostTrack = failing || (horizon !== null && next < BigInt(horizon))
    for (const row of rows[0].rows) {
      if (seen.has(row.id)) continue
      seen.set(row.id, BigInt(row.txid))
      if (lostTrack || store.appliedHereBefore(Number(row.id))) continue
      if (row.tags.includes(everythingTag)) store.invalidateAll()
      else store.invalidate(row.tags)
    }
    if (lostTrack) store.invalidateAll()
    // Entries of transactions before the horizon are never read again.
    for (const [id, txid] of seen) if (txid < next) seen.delete(id)
    horizon = String(next)
    if (failing) log(`[page-cache] reading ${invalidationsTable} again; cached pages dropped`)
    failing = false
    failures = 0
    store.enabled = true
  }

  let running: null | Promise<void> = null
  let again = false
  /** One read at a time; a request during a read makes one more after it. */
  const read = (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await readOnce().catch((error: Error) => {
          failures += 1
          if (failing || failures < failuresBeforeStopping) return
          log(`[page-cache] cannot read ${invalidationsTable} (${error.message}); not caching pages`)
          failing = true
          store.enabled = false
          store.invalidateAll()
        })
      } while (again && !closed)
    })().finally(() => (running = null))
    return running
  }

  const timer = setInterval(() => void read(), intervalMs)
  const pruner = setInterval(() => void pool.query(toQuery(pruneInvalidationsSql).sql).catch(() => {}), hour)
  const listener = listen ? listenForChanges(connectionString, read, () => closed) : undefined
  const first = read()

  return {
    /** Resolves after the first read. */
    ready: first,
    /** Reads the log now (tests, and a notification). */
    read,
    close: async () => {
      closed = true
      clearInterval(timer)
      clearInterval(pruner)
      await listener?.close()
      await running
      await pool.end()
    },
  }
}

/** A LISTEN connection that wakes `read`, reconnecting (1 s doubling to 30 s) when it drops. */
function listenForChanges(connectionString: string, read: () => Promise<void>, closed: () => boolean) {
  let client: null | pg.Client = null
  let delay = 1000
  let retry: NodeJS.Timeout | undefined
  const retryLater = () => {
    if (closed()) return
    clearTimeout(retry)
    retry = setTimeout(() => void connect(), delay)
    delay = Math.min(delay * 2, 30_000)
  }
  const connect = async () => {
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: poolOptions().connectionTimeoutMillis })
    next.on('error', () => {}) // 'end' follows
    next.on('notification', () => void read())
    next.on('end', () => {
      if (client !== next) return
      client = null
      retryLater()
    })
    try {
      await next.connect()
      await next.query(`listen ${invalidationChannel}`)
      client = next
      delay = 1000
      void read() // whatever committed while it was away
    } catch {
      await next.end().catch(() => {})
      retryLater()
    }
  }
  void connect()
  return {
    close: async () => {
      clearTimeout(retry)
      await client?.end().catch(() => {})
    },
  }
}
