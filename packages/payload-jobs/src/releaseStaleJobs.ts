import type { PgTable } from '@payloadcms/db-postgres/drizzle/pg-core'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { type Database, rows } from './database'

/**
 * Gives back jobs whose runner stopped touching them for `leaseSeconds` (its process died, say
 * `kill -9`): they are `processing` no more, so the next claim runs them again. Without this, such a
 * job stays `processing` for ever, and with it every later job that shares its concurrency key.
 */
export const releaseStaleJobs = (db: Pick<Database, 'execute'>, jobs: PgTable, leaseSeconds: number) =>
  rows<{ id: number; queue: null | string; task_slug: null | string }>(
    db,
    sql`update ${jobs} set processing = false, updated_at = now()
        where processing and completed_at is null and updated_at < now() - make_interval(secs => ${leaseSeconds})
        returning id, task_slug, queue`,
  )
