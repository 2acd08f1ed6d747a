import type { Payload, TaskConfig } from 'payload'

import type { SourceRef } from '../types'

import { indexKey, type RetrievalContext } from '../context'
import { noReadableText } from '../files/unreadableFile'
import { statusStore } from '../status/statusStore'
import { indexDocumentTask } from './indexDocumentTask'
import { queueJob } from './queueJob'

export const retryFailedTask = 'retrievalRetryFailed'

/** The concurrency keys of indexing jobs still to run (waiting, running, or waiting to retry). */
async function keysWithJobs(payload: Payload): Promise<Set<string>> {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    limit: 0,
    overrideAccess: true,
    pagination: false,
    select: { concurrencyKey: true },
    where: {
      and: [
        { taskSlug: { equals: indexDocumentTask } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
      ],
    },
  })
  return new Set(docs.map((job) => (job as { concurrencyKey?: null | string }).concurrencyKey ?? ''))
}

/** Queues indexing again for every failed document, and every pending one whose job is gone. */
export async function retryFailed(payload: Payload, context: RetrievalContext): Promise<{ requeued: number }> {
  const { docs } = await statusStore.find(payload, {
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    // A file that gave no text gives none on a retry: only saving the document again (a new file) re-reads it.
    where: {
      and: [
        { state: { in: ['failed', 'pending'] } },
        // The Postgres adapter passes a `not_like` pattern on as it is (unlike `like`), so this is a prefix test.
        { or: [{ error: { exists: false } }, { error: { not_like: `${noReadableText}:%` } }] },
      ],
    },
  })
  const queued = await keysWithJobs(payload)
  let requeued = 0
  for (const row of docs) {
    const ref: SourceRef = { id: row.sourceId, kind: row.sourceKind, slug: row.source }
    if (!context.sources.has(ref.slug) || queued.has(indexKey(ref))) continue
    await queueJob(payload, {
      input: { id: ref.id, kind: ref.kind, slug: ref.slug },
      queue: context.queue,
      task: indexDocumentTask,
    })
    requeued++
  }
  if (requeued > 0)
    payload.logger.info({
      msg: `[retrieval] queued indexing again for ${requeued} failed or stranded document(s)`,
      requeued,
    })
  return { requeued }
}

/**
 * Indexing jobs give up after their retries (an embeddings outage longer than the backoff leaves
 * documents failed). This scheduled task queues them again, so the index converges once the
 * outage ends without anyone stepping in. With the plugin disabled, the schedule never fires.
 */
export const buildRetryFailedTask = (context: RetrievalContext): TaskConfig => ({
  slug: retryFailedTask,
  concurrency: { exclusive: true, key: () => 'retrieval:retry-failed', supersedes: false },
  handler: async ({ req }) => ({ output: await retryFailed(req.payload, context) }),
  label: 'Queue failed search indexing again',
  outputSchema: [{ name: 'requeued', type: 'number' }],
  retries: 0,
  schedule: [
    {
      cron: context.retryFailedCron,
      hooks: context.disabled ? { beforeSchedule: async () => ({ shouldSchedule: false }) } : undefined,
      queue: context.queue,
    },
  ],
})
