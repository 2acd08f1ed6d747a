import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { indexDocumentTask } from '../../packages/payload-retrieval/src/jobs/indexDocumentTask'
import { reindexAllTask } from '../../packages/payload-retrieval/src/jobs/reindexAllTask'
import { databaseOf, queryRows } from '../../packages/payload-retrieval/src/store/database'

/**
 * Indexing jobs of the retrieval queue that have not finished (waiting, running, or waiting to retry).
 * Not the failed-indexing sweep: a process that runs the queue on its own keeps one of those
 * scheduled minutes ahead, and it is not indexing work.
 */
export async function unfinishedJobs(payload: Payload) {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    limit: 100,
    overrideAccess: true,
    where: {
      and: [
        { queue: { equals: 'retrieval' } },
        { taskSlug: { in: [indexDocumentTask, reindexAllTask] } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
      ],
    },
  })
  return docs
}

/** Runs the retrieval queue until it is empty, waiting out retry backoffs (up to `timeoutMs`). */
export async function runIndexingJobs(payload: Payload, timeoutMs = 30_000): Promise<void> {
  const started = Date.now()
  for (;;) {
    await payload.jobs.run({ limit: 100, queue: 'retrieval' })
    const left = await unfinishedJobs(payload)
    if (left.length === 0) return
    if (Date.now() - started > timeoutMs)
      throw new Error(`indexing jobs still unfinished: ${JSON.stringify(left.map((j) => j.input))}`)
    const next = Math.min(...left.map((job) => (job.waitUntil ? Date.parse(job.waitUntil) : Date.now())))
    await new Promise((resolve) => setTimeout(resolve, Math.max(20, next - Date.now())))
  }
}

export type StoredChunkRow = {
  chunk_index: number
  heading: string
  id: number
  page: null | number
  model: string
  source_id: string
  source_slug: string
  text: string
  title: string
  url: string
}

/** The chunk table's rows, for one document or all of them. */
export async function chunkRows(
  payload: Payload,
  source?: { id: number | string; slug: string },
): Promise<StoredChunkRow[]> {
  const where = source ? sql`where source_slug = ${source.slug} and source_id = ${String(source.id)}` : sql``
  return queryRows<StoredChunkRow>(
    databaseOf(payload),
    sql`select id, source_slug, source_id, chunk_index, title, url, page, heading, text, model from retrieval_chunks ${where} order by source_slug, source_id, chunk_index`,
  )
}
