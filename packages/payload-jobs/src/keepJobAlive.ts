import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { adapterOf, jobsTable } from './database'

/** Jobs this process is running now, by id: what it would give back if it had to stop early. */
const held = new Set<number | string>()

export const heldJobs = (): (number | string)[] => [...held]

/** How often a running job is touched: a quarter of the lease, at most every 30 s. */
export const heartbeatMs = (leaseSeconds: number) => Math.min(30_000, Math.max(250, (leaseSeconds * 1000) / 4))

const touch = (payload: Payload, id: number | string) => {
  const adapter = adapterOf(payload)
  return adapter.drizzle.execute(
    sql`update ${jobsTable(adapter)} set updated_at = now() where id = ${id} and processing`,
  )
}

/**
 * Marks a job as alive while its task runs: its row's `updated_at` is touched every `heartbeatMs`,
 * outside any transaction (never awaited by the task, so it cannot block it). Returns the stop function.
 */
export function keepJobAlive(payload: Payload, id: number | string, leaseSeconds: number): () => void {
  held.add(id)
  const timer = setInterval(() => {
    touch(payload, id).catch((error: unknown) =>
      payload.logger.warn({ err: error, jobId: id, msg: `[jobs] heartbeat for job ${id} failed` }),
    )
  }, heartbeatMs(leaseSeconds))
  timer.unref()
  return () => {
    clearInterval(timer)
    held.delete(id)
  }
}

/** Gives back the jobs this process still holds (a worker that must stop before they finish). */
export async function releaseHeldJobs(payload: Payload): Promise<number> {
  const ids = heldJobs()
  if (ids.length === 0) return 0
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )
  const adapter = adapterOf(payload)
  await adapter.drizzle.execute(
    sql`update ${jobsTable(adapter)} set processing = false, updated_at = now() where id in (${list}) and processing`,
  )
  return ids.length
}
