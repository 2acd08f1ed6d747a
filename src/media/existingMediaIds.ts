import type { PayloadRequest } from 'payload'

type Id = number | string

/**
 * The ids among `ids` that still name a media document. Deleting a file leaves the upload nodes that
 * embedded it in rich text as they were, and `mediaRefs` is a relationship with a foreign key: a
 * dangling id would fail the save (and the backfill) instead of being dropped.
 */
export async function existingMediaIds(req: PayloadRequest, ids: Id[]): Promise<Id[]> {
  if (ids.length === 0) return ids
  const { docs } = await req.payload.db.find<{ id: Id }>({
    collection: 'media',
    limit: 0,
    pagination: false,
    req,
    select: { id: true },
    where: { id: { in: ids } },
  })
  const found = new Set(docs.map((doc) => String(doc.id)))
  return ids.filter((id) => found.has(String(id)))
}
