import type { PgTable } from '@payloadcms/db-postgres/drizzle/pg-core'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { type Database, jobsTable, type PostgresAdapter, rows, transactionOf, type UpdateJobsArgs } from './database'
import { releaseStaleJobs } from './releaseStaleJobs'

/** Payload's runner claims jobs with `updateJobs({ data: { processing: true }, where, limit })` and nothing else. */
export const isClaim = ({ data, id }: UpdateJobsArgs) =>
  id === undefined &&
  data?.processing === true &&
  Object.keys(data).every((key) => key === 'processing' || key === 'updatedAt')

/** Candidates read per claim: more than the limit, as some share a concurrency key and are skipped. */
const candidateFactor = 4

/*
 * Claims one job unless another runner took it first or (with concurrency control) another job with
 * its concurrency key is running. The conditions are checked by the UPDATE itself, so a claim can
 * never be based on a stale read.
 */
const claimOne = (db: Database, jobs: PgTable, id: unknown, exclusiveKeys: boolean) =>
  rows<{ id: number }>(
    db,
    sql`update ${jobs} j set processing = true, updated_at = now()
        where j.id = ${id} and not j.processing and j.completed_at is null and j.has_error is not true
          and (${!exclusiveKeys} or j.concurrency_key is null or not exists (
            select 1 from ${jobs} o where o.concurrency_key = j.concurrency_key and o.processing and o.id <> j.id))
        returning j.id`,
  )

async function claimInTransaction(adapter: PostgresAdapter, db: Database, args: UpdateJobsArgs, leaseSeconds: number) {
  // One claimer at a time across every process: the lock is held until the transaction ends.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('payload-jobs:claim'))`)
  const jobs = jobsTable(adapter)
  for (const job of await releaseStaleJobs(db, jobs, leaseSeconds)) {
    adapter.payload.logger.warn(
      `[jobs] job ${job.id} (${job.task_slug}, queue ${job.queue}) lost its runner ${leaseSeconds}s ago; released to run again`,
    )
  }
  const limit = args.limit && args.limit > 0 ? args.limit : 10
  const exclusiveKeys = Boolean(adapter.payload.config.jobs.enableConcurrencyControl)
  const { docs: candidates } = await adapter.find({
    collection: 'payload-jobs',
    limit: limit * candidateFactor,
    pagination: false,
    req: args.req,
    select: { concurrencyKey: true },
    sort: args.sort,
    where: args.where,
  })
  const claimed: unknown[] = []
  const keys = new Set<string>()
  for (const candidate of candidates) {
    if (claimed.length >= limit) break
    const key = candidate.concurrencyKey as null | string | undefined
    if (exclusiveKeys && key && keys.has(key)) continue
    if ((await claimOne(db, jobs, candidate.id, exclusiveKeys)).length === 0) continue
    claimed.push(candidate.id)
    if (key) keys.add(key)
  }
  if (claimed.length === 0) return []
  const { docs } = await adapter.find({
    collection: 'payload-jobs',
    limit: 0,
    pagination: false,
    req: args.req,
    sort: args.sort,
    where: { id: { in: claimed } },
  })
  return docs
}

/** Payload always claims inside a transaction it opened; should it not, the claim opens its own. */
async function claimInOwnTransaction(adapter: PostgresAdapter, args: UpdateJobsArgs, leaseSeconds: number) {
  const transactionID = await adapter.beginTransaction()
  try {
    const docs = await claimInTransaction(
      adapter,
      adapter.sessions[String(transactionID)]!.db,
      { ...args, req: { transactionID } },
      leaseSeconds,
    )
    await adapter.commitTransaction(transactionID)
    return docs
  } catch (error) {
    await adapter.rollbackTransaction(transactionID)
    throw error
  }
}

/**
 * Payload's `updateJobs` for a claim reads the runnable jobs, then updates them one by one, so two
 * runners (two workers) can both claim the same job; its concurrency-key check races the same way.
 * This replaces the claim with one that holds an advisory lock in the claim's transaction and claims
 * each job with a conditional UPDATE, after giving back jobs whose runner died. Payload opens that
 * transaction; every query here goes through it, which the embedded database (one backend shared by
 * all connections) needs: a query on another connection would wait for the transaction for ever.
 */
export function claimJobsAtomically(adapter: PostgresAdapter, leaseSeconds: number) {
  const original = adapter.updateJobs
  adapter.updateJobs = async function updateJobs(args) {
    if (!isClaim(args)) return original.call(this, args)
    const tx = await transactionOf(adapter, args.req)
    const docs = tx
      ? await claimInTransaction(adapter, tx, args, leaseSeconds)
      : await claimInOwnTransaction(adapter, args, leaseSeconds)
    return args.returning === false ? null : docs
  }
}
