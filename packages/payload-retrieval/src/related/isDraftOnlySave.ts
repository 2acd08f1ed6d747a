import type { PayloadRequest, SanitizedCollectionConfig } from 'payload'

/**
 * True when a save cannot have changed what visitors see of a document: the saved version is a
 * draft, yet the main row, which visitors read, is still published, so the save wrote a version
 * only (a save that writes the main row gives it the draft's status: an unpublish does). A draft save
 * of a document that is not published counts as a change: telling it from an unpublish would need
 * the main row as it was before the save, and a lookup that finds nothing to do is cheap.
 */
export async function isDraftOnlySave(
  req: PayloadRequest,
  collection: SanitizedCollectionConfig,
  doc: { _status?: unknown; id: number | string },
): Promise<boolean> {
  if (!collection.versions?.drafts || doc._status !== 'draft') return false
  const main = await req.payload.db.findOne<{ _status?: string; id: number | string }>({
    collection: collection.slug,
    req,
    select: { _status: true },
    where: { id: { equals: doc.id } },
  })
  return main?._status === 'published'
}
