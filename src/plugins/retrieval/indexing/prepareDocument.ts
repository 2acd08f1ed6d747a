import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { Chunk, SourceRef } from '../types'

import { databaseOf } from '../store/database'
import { type ChunkPlan, planChunkChanges } from '../store/planChunkChanges'
import { readChunkMeta } from '../store/readChunkMeta'
import { chunkBlocks } from '../text/chunkBlocks'
import { documentToBlocks } from '../text/documentToBlocks'
import { readAsVisitor } from './readAsVisitor'

export type PreparedDocument =
  | { chunks: Chunk[]; plan: ChunkPlan; ref: SourceRef; title: string; url: string; visible: true }
  | { ref: SourceRef; visible: false }

/** Reads a document as a visitor, cuts it into chunks, and works out which chunks need embedding. */
export async function prepareDocument(payload: Payload, context: RetrievalContext, ref: SourceRef): Promise<PreparedDocument> {
  const source = context.sources.get(ref.slug)
  if (!source) throw new Error(`"${ref.slug}" is not indexed by the retrieval plugin`)
  const doc = await readAsVisitor(payload, ref)
  if (!doc) return { ref, visible: false }
  const title = source.title(doc) || `${ref.slug} ${ref.id}`
  const chunks = chunkBlocks(documentToBlocks(doc, source.fields), title, context.chunking)
  const stored = await readChunkMeta(databaseOf(payload), context.table, ref)
  return { chunks, plan: planChunkChanges(chunks, stored, context.model), ref, title, url: source.url(doc), visible: true }
}
