import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { documentToBlocks } from '../text/documentToBlocks'
import { readAsVisitor } from './readAsVisitor'

/** One published document as the index sees it: its title, public URL and indexed text. */
export type PublishedDocument = { collection: string; id: string; text: string; title: string; url: null | string }

/**
 * What a visitor may read of an indexed document, as the index reads it: the configured fields only,
 * as text with its headings (`## …`). Null when a visitor cannot see it (a draft, trashed, missing).
 */
export async function readPublished(
  payload: Payload,
  context: RetrievalContext,
  ref: SourceRef,
): Promise<null | PublishedDocument> {
  const source = context.sources.get(ref.slug)
  if (!source || source.kind !== ref.kind) return null
  const doc = await readAsVisitor(payload, ref)
  if (!doc) return null
  const text = documentToBlocks(doc, source.fields)
    .map((block) => (block.kind === 'heading' ? `${'#'.repeat(Math.min(block.level, 6))} ${block.text}` : block.text))
    .join('\n\n')
  return {
    collection: ref.slug,
    id: ref.id,
    text,
    title: source.title(doc) || `${ref.slug} ${ref.id}`,
    url: source.url(doc) || null,
  }
}
