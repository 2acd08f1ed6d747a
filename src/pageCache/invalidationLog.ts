import type { PayloadRequest } from 'payload'
import type { Payload } from 'payload'

import { databaseOf, requestDatabase } from '@askfolio/payload-retrieval'
import { sql } from '@payloadcms/db-postgres/drizzle'

import { everythingTag } from './siteTags'

/**
 * The page cache's one way into the database: a log of invalidations (which tags changed), written
 * in the transaction of the change itself, so an instance never drops pages for a change that rolled
 * back, and never misses one that committed. Every web instance reads it (followInvalidations.ts).
 * The table is made by the migration `page_cache_invalidations`.
 */
export const invalidationsTable = 'page_cache_invalidations'
/** Wakes followers at once where LISTEN works (a real PostgreSQL); the log is the record either way. */
export const invalidationChannel = 'page_cache_invalidations'

const table = sql.identifier(invalidationsTable)

/**
 * Logs `tags` as changed by `req`'s write (in its transaction when it has one) and notifies.
 * Returns the entry's id, so this instance can tell its follower it has applied the entry itself.
 */
export async function recordInvalidation(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  tags: string[],
): Promise<number | undefined> {
  if (tags.length === 0) return undefined
  const db = await requestDatabase(req.payload, req)
  const array = sql`array[${sql.join(
    tags.map((tag) => sql`${tag}`),
    sql`, `,
  )}]::text[]`
  const result = (await db.execute(sql`
    with entry as (insert into ${table} (tags) values (${array}) returning id)
    select (select id from entry) as id, pg_notify(${invalidationChannel}, (select id::text from entry))`)) as {
    rows: { id: number | string }[]
  }
  return Number(result.rows[0].id)
}

/** Logs that every page may have changed (after migrations changed data under running instances). */
export async function recordEverythingChanged(payload: Payload): Promise<void> {
  await databaseOf(payload).execute(sql`
    with entry as (insert into ${table} (tags) values (array[${everythingTag}]::text[]) returning id)
    select pg_notify(${invalidationChannel}, (select id::text from entry))`)
}

export type InvalidationRow = { id: number; tags: string[]; txid: string }
export type InvalidationBatch = { horizon: string; rows: InvalidationRow[] }

/**
 * The entries of transactions at or after `horizon` (an xid8; the oldest still running at the
 * previous read), and the new horizon, in one snapshot. Entries commit out of id order, so a
 * follower reads again from the oldest transaction that was still open, and skips what it has seen.
 * Without a horizon (the first read) it starts from now.
 */
export const readInvalidationsSql = (horizon: null | string) => sql`
  select pg_snapshot_xmin(pg_current_snapshot())::text as horizon,
    coalesce((
      select json_agg(json_build_object('id', id, 'tags', tags, 'txid', txid::text) order by id)
      from ${table}
      where txid >= coalesce(${horizon}::xid8, pg_snapshot_xmin(pg_current_snapshot()))
    ), '[]'::json) as rows`

/** Entries older than a day: every follower has read them long ago. */
export const pruneInvalidationsSql = sql`delete from ${table} where created_at < now() - interval '1 day'`
