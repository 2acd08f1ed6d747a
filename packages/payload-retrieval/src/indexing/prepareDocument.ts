import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { Block } from '../text/lexicalToBlocks'
import type { Chunk, SourceRef } from '../types'

import { sourceKey } from '../context'
import { extractFile } from '../files/extractFile'
import { readUploadedFile } from '../files/readUploadedFile'
import { UnreadableFileError } from '../files/unreadableFile'
import { databaseOf } from '../store/database'
import { type ChunkPlan, planChunkChanges } from '../store/planChunkChanges'
import { readChunkMetas } from '../store/readChunkMeta'
import { chunkBlocks } from '../text/chunkBlocks'
import { documentToBlocks } from '../text/documentToBlocks'
import { readAsVisitors } from './readAsVisitor'

export type PreparedDocument =
  | {
      chunks: Chunk[]
      /** Why the document's file gave no text (its state is then `failed`), or what limits left out of it. */
      fileProblem?: { message: string; unreadable: boolean }
      plan: ChunkPlan
      ref: SourceRef
      title: string
      url: string
      visible: true
    }
  | { ref: SourceRef; visible: false }

/** The blocks of a document's file, and what stopped part or all of it being read. */
async function fileBlocks(
  payload: Payload,
  context: RetrievalContext,
  slug: string,
  doc: Record<string, unknown>,
): Promise<{ blocks: Block[]; problem?: { message: string; unreadable: boolean } }> {
  try {
    const data = await readUploadedFile(payload, slug, doc)
    const file = { filename: doc.filename as string | undefined, mimeType: doc.mimeType as string | undefined }
    const logger = { warn: (msg: string) => payload.logger.warn({ msg: `[retrieval] ${msg}` }) }
    const { blocks, note } = await extractFile(data, file, context.files, logger)
    return { blocks, problem: note ? { message: note, unreadable: false } : undefined }
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error
    return { blocks: [], problem: { message: error.message, unreadable: true } }
  }
}

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
  const prepared: PreparedDocument[] = []
  // One document at a time: a file's text is held only while its document is prepared.
  for (const ref of refs) {
    const doc = docs.get(sourceKey(ref))
    if (!doc) {
      prepared.push({ ref, visible: false })
      continue
    }
    const source = context.sources.get(ref.slug)!
    const title = source.title(doc) || `${ref.slug} ${ref.id}`
    const blocks = documentToBlocks(doc, source.fields)
    const file = source.file ? await fileBlocks(payload, context, ref.slug, doc) : undefined
    const chunks = chunkBlocks(file ? [...blocks, ...file.blocks] : blocks, title, context.chunking)
    prepared.push({
      chunks,
      fileProblem: file?.problem,
      plan: planChunkChanges(chunks, stored.get(sourceKey(ref)) ?? [], context.model),
      ref,
      title,
      url: source.url(doc),
      visible: true,
    })
  }
  return prepared
}

/** `prepareDocuments` for one document. */
export const prepareDocument = async (
  payload: Payload,
  context: RetrievalContext,
  ref: SourceRef,
): Promise<PreparedDocument> => (await prepareDocuments(payload, context, [ref]))[0]
