import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { sourceKey } from '../context'
import { type IndexResult, indexDocuments } from '../indexing/indexDocuments'
import { recordStatus } from '../status/recordStatus'
import { type RunRecord, runsStore } from '../status/runsStore'
import { listTargets } from './listTargets'

export type ReindexProgress = { current?: string; embedded: number; failed: number; processed: number; total: number }

export type ReindexOptions = {
  batchSize?: number
  onProgress?: (progress: ReindexProgress) => void
  /** Continue this run (the default is the unfinished run, if there is one, or a new run). */
  runId?: number | string
}

/** A run whose heartbeat is older than this is considered abandoned (its process died) and may be resumed. */
export const staleRunMs = 2 * 60 * 1000

export async function findUnfinishedRun(payload: Payload): Promise<null | RunRecord> {
  const { docs } = await runsStore.find(payload, {
    depth: 0,
    limit: 1,
    overrideAccess: true,
    sort: '-createdAt',
    where: { state: { equals: 'running' } },
  })
  return docs[0] ?? null
}

async function indexBatch(payload: Payload, context: RetrievalContext, batch: SourceRef[]) {
  try {
    return { failed: 0, results: await indexDocuments(payload, context, batch) }
  } catch {
    // Something in the batch failed (often the embeddings API): do the documents one by one.
    let failed = 0
    const results: IndexResult[] = []
    for (const ref of batch) {
      try {
        results.push(...(await indexDocuments(payload, context, [ref])))
      } catch (error) {
        failed++
        await recordStatus(payload, ref, {
          error: error instanceof Error ? error.message : String(error),
          state: 'failed',
        })
      }
    }
    return { failed, results }
  }
}

/**
 * Indexes every document in batches, recording progress (and a cursor) in a run document after each
 * batch. An interrupted run resumes after its cursor. Documents whose chunks are up to date cost no
 * embeddings, so a second run in a row embeds nothing.
 */
export async function reindexAll(payload: Payload, context: RetrievalContext, options: ReindexOptions = {}) {
  if (context.storeProblem) throw new Error(context.storeProblem)
  const batchSize = options.batchSize ?? 25
  const run =
    options.runId !== undefined
      ? await runsStore.findByID(payload, options.runId, { depth: 0, overrideAccess: true })
      : ((await findUnfinishedRun(payload)) ??
        (await runsStore.create(payload, { state: 'running' }, { overrideAccess: true })))
  if (!run) throw new Error(`There is no reindex run ${options.runId}`)

  const targets = await listTargets(payload, context)
  const resumeAt = run.cursor ? targets.findIndex((ref) => sourceKey(ref) === run.cursor) + 1 : 0
  const progress: ReindexProgress = {
    embedded: run.embedded ?? 0,
    failed: run.failed ?? 0,
    processed: resumeAt,
    total: targets.length,
  }
  const save = (data: Record<string, unknown>) =>
    runsStore.update(payload, run.id, data, { depth: 0, overrideAccess: true })
  await save({ total: targets.length })
  options.onProgress?.(progress)

  try {
    for (let start = resumeAt; start < targets.length; start += batchSize) {
      const batch = targets.slice(start, start + batchSize)
      const { failed, results } = await indexBatch(payload, context, batch)
      progress.processed += batch.length
      progress.failed += failed
      progress.embedded += results.reduce((sum, result) => sum + result.embedded, 0)
      progress.current = sourceKey(batch[batch.length - 1])
      await save({
        cursor: progress.current,
        embedded: progress.embedded,
        failed: progress.failed,
        processed: progress.processed,
      })
      options.onProgress?.(progress)
    }
    await save({ finishedAt: new Date().toISOString(), state: 'done' })
  } catch (error) {
    await save({
      error: error instanceof Error ? error.message : String(error),
      finishedAt: new Date().toISOString(),
      state: 'failed',
    })
    throw error
  }
  return { ...progress, runId: run.id }
}
