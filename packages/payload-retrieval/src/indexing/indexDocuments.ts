import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { sourceKey, storeTables } from '../context'
import { recordStatuses, type StatusRecord } from '../status/recordStatus'
import { databaseOf } from '../store/database'
import { type ChunkWrite, writeDocuments, type WriteResult } from '../store/writeChunks'
import { editorsLabel } from './editorsLabel'
import { embedChunks } from './embedChunks'
import { type PreparedDocument, prepareDocuments } from './prepareDocument'

export type IndexResult = {
  chunks: number
  embedded: number
  ref: SourceRef
  removed: number
  state: 'indexed' | 'not-indexed'
}

const toWrite = (
  context: RetrievalContext,
  doc: PreparedDocument,
  vectors: Map<string, number[]> | undefined,
): ChunkWrite => ({
  chunks: doc.visible ? doc.chunks : [],
  fieldWeights: context.fieldWeights,
  language: context.language,
  model: context.model,
  ref: doc.ref,
  title: doc.visible ? doc.title : '',
  url: doc.visible ? doc.url : '',
  vectors,
})

/**
 * Brings the index in line with what visitors can see of these documents, as one batch: one read
 * per collection, embeddings in batches across all the documents (only for chunks whose content or
 * model changed), one transaction for all the writes, one statement for their states. A document a
 * visitor cannot read loses its chunks.
 */
export async function indexDocuments(
  payload: Payload,
  context: RetrievalContext,
  requested: SourceRef[],
): Promise<IndexResult[]> {
  if (context.storeProblem) throw new Error(context.storeProblem)
  // Each document once: two writes of one document in a transaction would both insert its chunks.
  const refs = [...new Map(requested.map((ref) => [sourceKey(ref), ref])).values()]
  const db = databaseOf(payload)
  const prepared = await prepareDocuments(payload, context, refs)
  const pending = prepared.flatMap((doc) =>
    doc.visible ? doc.plan.insert.map((chunk) => ({ chunk, title: doc.title })) : [],
  )
  const vectors = await embedChunks(context, pending)
  const embedded = prepared.map((doc) => (vectors && doc.visible ? doc.plan.insert.length : 0))

  const writes = prepared.map((doc) => toWrite(context, doc, vectors))
  let outcomes: WriteResult[] = await writeDocuments(db, storeTables(context), writes)
  if (outcomes.some((outcome) => 'missing' in outcome && outcome.missing.length > 0)) {
    // The stored chunks changed between planning and writing (another writer): embed what is missing.
    const missing = outcomes.flatMap((outcome, i) =>
      'missing' in outcome ? outcome.missing.map((chunk) => ({ chunk, i, title: writes[i].title })) : [],
    )
    const extra = (await embedChunks(context, missing)) ?? new Map<string, number[]>()
    for (const [hash, vector] of extra) vectors?.set(hash, vector)
    for (const { i } of missing) embedded[i]++
    outcomes = await writeDocuments(db, storeTables(context), writes)
    const stuck = outcomes.findIndex((outcome) => 'missing' in outcome && outcome.missing.length > 0)
    if (stuck >= 0) throw new Error(`Could not index ${refs[stuck].slug} ${refs[stuck].id}: it keeps changing`)
  }

  const indexedAt = new Date().toISOString()
  const records: StatusRecord[] = []
  const results: IndexResult[] = []
  for (const [i, doc] of prepared.entries()) {
    const removed = 'removed' in outcomes[i] ? (outcomes[i] as { removed: number }).removed : 0
    if (!doc.visible) {
      records.push({
        patch: {
          chunks: 0,
          embedded: 0,
          error: null,
          indexedAt,
          state: 'not-indexed',
          ...(await editorsLabel(payload, context, doc.ref)),
        },
        ref: doc.ref,
      })
      results.push({ chunks: 0, embedded: 0, ref: doc.ref, removed, state: 'not-indexed' })
    } else {
      records.push({
        patch: {
          chunks: doc.chunks.length,
          embedded: embedded[i],
          error: doc.fileProblem?.message ?? null,
          indexedAt,
          // The fields are indexed either way; a file that gave no text is for an editor to replace.
          state: doc.fileProblem?.unreadable ? 'failed' : 'indexed',
          title: doc.title,
          url: doc.url,
        },
        ref: doc.ref,
      })
      results.push({ chunks: doc.chunks.length, embedded: embedded[i], ref: doc.ref, removed, state: 'indexed' })
    }
  }
  await recordStatuses(payload, records)
  await tellIndexed(
    payload,
    context,
    prepared.flatMap((doc, i) => (changedChunks(outcomes[i]) ? [doc.ref] : [])),
  )
  return results
}

const changedChunks = (outcome: WriteResult) => 'inserted' in outcome && (outcome.inserted > 0 || outcome.removed > 0)

/** The host's `onIndexed`, after the writes: a failure there is logged, and the index stays written. */
async function tellIndexed(payload: Payload, context: RetrievalContext, changed: SourceRef[]): Promise<void> {
  if (changed.length === 0 || !context.onIndexed) return
  try {
    await context.onIndexed({ changed, payload })
  } catch (error) {
    payload.logger.warn({ err: error, msg: 'retrievalPlugin: the onIndexed option failed; the index is written' })
  }
}
