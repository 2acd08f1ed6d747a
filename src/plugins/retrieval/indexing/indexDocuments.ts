import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { storeTables } from '../context'
import { recordStatus } from '../status/recordStatus'
import { databaseOf } from '../store/database'
import { deleteFromIndex } from '../store/deleteFromIndex'
import { writeChunks } from '../store/writeChunks'
import { embedChunks } from './embedChunks'
import { editorsLabel } from './editorsLabel'
import { prepareDocument } from './prepareDocument'

export type IndexResult = { chunks: number; embedded: number; ref: SourceRef; removed: number; state: 'indexed' | 'not-indexed' }

/**
 * Brings the index in line with what visitors can see of these documents. A document a visitor
 * cannot read loses its chunks; the others are re-chunked, and only chunks whose content (or
 * embedding model) changed are embedded, in batches across all the documents.
 */
export async function indexDocuments(payload: Payload, context: RetrievalContext, refs: SourceRef[]): Promise<IndexResult[]> {
  if (context.storeProblem) throw new Error(context.storeProblem)
  const db = databaseOf(payload)
  const prepared = []
  for (const ref of refs) prepared.push(await prepareDocument(payload, context, ref))

  const pending = prepared.flatMap((doc) => (doc.visible ? doc.plan.insert.map((chunk) => ({ chunk, title: doc.title })) : []))
  const vectors = await embedChunks(context, pending)

  const results: IndexResult[] = []
  for (const doc of prepared) {
    if (!doc.visible) {
      const removed = await deleteFromIndex(db, context.table, doc.ref)
      await recordStatus(payload, doc.ref, {
        chunks: 0,
        embedded: 0,
        error: null,
        indexedAt: new Date().toISOString(),
        state: 'not-indexed',
        ...(await editorsLabel(payload, context, doc.ref)),
      })
      results.push({ chunks: 0, embedded: 0, ref: doc.ref, removed, state: 'not-indexed' })
      continue
    }
    const write = {
      chunks: doc.chunks,
      fieldWeights: context.fieldWeights,
      language: context.language,
      model: context.model,
      ref: doc.ref,
      title: doc.title,
      url: doc.url,
      vectors,
    }
    let outcome = await writeChunks(db, storeTables(context), write)
    let embedded = vectors ? doc.plan.insert.length : 0
    if ('missing' in outcome) {
      // The stored chunks changed between planning and writing (another writer): embed what is missing.
      const extra = (await embedChunks(context, outcome.missing.map((chunk) => ({ chunk, title: doc.title })))) ?? new Map()
      for (const [hash, vector] of extra) vectors?.set(hash, vector)
      embedded += extra.size
      outcome = await writeChunks(db, storeTables(context), write)
      if ('missing' in outcome) throw new Error(`Could not index ${doc.ref.slug} ${doc.ref.id}: it keeps changing`)
    }
    await recordStatus(payload, doc.ref, {
      chunks: doc.chunks.length,
      embedded,
      error: null,
      indexedAt: new Date().toISOString(),
      state: 'indexed',
      title: doc.title,
      url: doc.url,
    })
    results.push({ chunks: doc.chunks.length, embedded, ref: doc.ref, removed: outcome.removed, state: 'indexed' })
  }
  return results
}
