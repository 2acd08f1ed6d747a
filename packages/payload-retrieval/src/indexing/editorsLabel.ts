import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { collectionStore } from '../store/collectionStore'

/**
 * The title and URL of a document visitors cannot see (a draft, say), for its row in the index
 * status list, which only editors read. Nothing of it goes into the chunk table.
 */
export async function editorsLabel(
  payload: Payload,
  context: RetrievalContext,
  ref: SourceRef,
): Promise<{ title?: string; url?: string }> {
  const source = context.sources.get(ref.slug)
  if (!source || ref.kind !== 'collection') return {}
  const doc = await collectionStore(ref.slug).findByID(payload, ref.id, {
    depth: 0,
    disableErrors: true,
    draft: true,
    overrideAccess: true,
    trash: true,
  })
  if (!doc) return {}
  return { title: source.title(doc) || undefined, url: source.url(doc) }
}
