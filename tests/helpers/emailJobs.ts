import type { Payload } from 'payload'

import { settleQueuedEmails } from '../../src/email/queuedEmailAdapter'

/** The outbox's jobs, newest first. */
export async function emailJobs(payload: Payload) {
  await settleQueuedEmails()
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    limit: 100,
    overrideAccess: true,
    sort: '-createdAt',
    where: { queue: { equals: 'email' } },
  })
  return docs
}

/** Runs the outbox once (due jobs only), after the messages handed to the adapter are in it. */
export async function runEmailJobsOnce(payload: Payload): Promise<void> {
  await settleQueuedEmails()
  await payload.jobs.run({ limit: 100, queue: 'email' })
}

/** Runs the outbox until nothing is left to send, waiting out retry backoffs (up to `timeoutMs`). */
export async function runEmailJobs(payload: Payload, timeoutMs = 30_000): Promise<void> {
  const started = Date.now()
  for (;;) {
    await runEmailJobsOnce(payload)
    const left = (await emailJobs(payload)).filter((job) => !job.completedAt && !job.hasError)
    if (left.length === 0) return
    if (Date.now() - started > timeoutMs)
      throw new Error(`email jobs still unfinished: ${left.map((job) => job.id).join(', ')}`)
    const next = Math.min(...left.map((job) => (job.waitUntil ? Date.parse(job.waitUntil) : Date.now())))
    await new Promise((resolve) => setTimeout(resolve, Math.max(20, next - Date.now())))
  }
}
