import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { Chunk, SourceRef } from '../types'

import { sourceKey } from '../context'
import { databaseOf } from '../store/database'
import { type ChunkPlan, planChunkChanges } from '../store/planChunkChanges'
import { readChunkMetas } from '../store/readChunkMeta'
import { chunkBlocks } from '../text/chunkBlocks'
import { documentToBlocks } from '../text/documentToBlocks'
import { readAsVisitors } from './readAsVisitor'

export type PreparedDocument =
  | { chunks: Chunk[]; plan: ChunkPlan; ref: SourceRef; title: string; url: string; visible: true }
  | { ref: SourceRef; visible: false }

/**
 * Reads documents as a visitor, cuts each into chunks, and works out which chunks need embedding:
 * one read per collection and one of the stored chunks for the lot.
 */
export async function prepareDocuments(
  payload: Payload,
  context: RetrievalContext,
  refs: SourceRef[],
): Promise<PreparedDocument[]> {
  for (const ref of refs)
    if (!context.sources.has(ref.slug)) throw new Error(`"${ref.slug}" is not indexed by the retrieval plugin`)
  const docs = await readAsVisitors(payload, refs)
  const stored = await readChunkMetas(databaseOf(payload), context.table, refs)
  return refs.map((ref) => {
    const doc = docs.get(sourceKey(ref))
    if (!doc) return { ref, visible: false }
    const source = context.sources.get(ref.slug)!
    const title = source.title(doc) || `${ref.slug} ${ref.id}`
    const chunks = chunkBlocks(documentToBlocks(doc, source.fields), title, context.chunking)
    return {
      chunks,
      plan: planChunkChanges(chunks, stored.get(sourceKey(ref)) ?? [], context.model),
      ref,
      title,
      url: source.url(doc),
      visible: true,
    }
  })
}

/** `prepareDocuments` for one document. */
export const prepareDocument = async (
  payload: Payload,
  context: RetrievalContext,
  ref: SourceRef,
): Promise<PreparedDocument> => (await prepareDocuments(payload, context, [ref]))[0]
