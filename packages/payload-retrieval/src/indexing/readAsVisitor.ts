import type { Payload } from 'payload'

import type { SourceRef } from '../types'

import { sourceKey } from '../context'
import { collectionStore, findGlobalBySlug } from '../store/collectionStore'

/**
 * Reads a document exactly as an anonymous visitor would: access control on, no user, published
 * version only, related documents one level deep (so a project's skills have names). Returns null
 * when a visitor cannot see it: a draft, unpublished, trashed, deleted or otherwise forbidden.
 */
export async function readAsVisitor(payload: Payload, ref: SourceRef): Promise<null | Record<string, unknown>> {
  return (await readAsVisitors(payload, [ref])).get(sourceKey(ref)) ?? null
}

const forbiddenOrMissing = (error: unknown) => [403, 404].includes((error as { status?: number }).status ?? 0)

/**
 * `readAsVisitor` for many documents, by `sourceKey`: one query per collection (a visitor's `find`
 * with the ids, which applies the same read access as reading each), one per global.
 */
export async function readAsVisitors(
  payload: Payload,
  refs: SourceRef[],
): Promise<Map<string, null | Record<string, unknown>>> {
  const found = new Map<string, null | Record<string, unknown>>(refs.map((ref) => [sourceKey(ref), null]))
  const byCollection = new Map<string, string[]>()
  for (const ref of refs) {
    if (ref.kind === 'collection') byCollection.set(ref.slug, [...(byCollection.get(ref.slug) ?? []), ref.id])
    else {
      try {
        found.set(
          sourceKey(ref),
          await findGlobalBySlug(payload, ref.slug, { depth: 1, draft: false, overrideAccess: false }),
        )
      } catch (error) {
        if (!forbiddenOrMissing(error)) throw error
      }
    }
  }
  for (const [slug, ids] of byCollection) {
    try {
      const { docs } = await collectionStore(slug).find(payload, {
        depth: 1,
        draft: false,
        limit: ids.length,
        overrideAccess: false,
        pagination: false,
        where: { id: { in: ids } },
      })
      for (const doc of docs) found.set(sourceKey({ id: String(doc.id), slug }), doc)
    } catch (error) {
      if (!forbiddenOrMissing(error)) throw error
    }
  }
  return found
}
