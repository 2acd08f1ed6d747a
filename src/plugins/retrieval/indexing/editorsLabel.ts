import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

/**
 * The title and URL of a document visitors cannot see (a draft, say), for its row in the index
 * status list, which only editors read. Nothing of it goes into the chunk table.
 */
export async function editorsLabel(payload: Payload, context: RetrievalContext, ref: SourceRef): Promise<{ title?: string; url?: string }> {
  const source = context.sources.get(ref.slug)
  if (!source || ref.kind !== 'collection') return {}
  const doc = await payload.findByID({ collection: ref.slug as never, depth: 0, disableErrors: true, draft: true, id: ref.id, overrideAccess: true, trash: true })
  if (!doc) return {}
  return { title: source.title(doc as Record<string, unknown>) || undefined, url: source.url(doc as Record<string, unknown>) }
}
