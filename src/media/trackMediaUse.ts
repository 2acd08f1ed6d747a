import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionConfig, CollectionSlug, PayloadRequest } from 'payload'

import type { MediaFields } from './mediaIdsIn'

import { idOf } from '../access/idOf'
import { isDraftSave } from '../hooks/publicationState'
import { existingMediaIds } from './existingMediaIds'
import { mediaIdsIn } from './mediaIdsIn'
import { mediaRefsFieldName } from './mediaRefsField'
import { refreshMediaVisibility } from './refreshMediaVisibility'

type Id = number | string
type Doc = Record<string, unknown>

// What the live row showed before this request changed or deleted it, keyed by collection and id.
// Kept on the request under a symbol, not in a map keyed by it: Payload hands some hooks a proxy of
// the request (restoring a version does), which shares the original's properties but not its identity.
const liveBeforeKey = Symbol('mediaRefsBefore')
type WithLiveBefore = PayloadRequest & { [liveBeforeKey]?: Map<string, Id[]> }

const storedRefs = (doc: Doc | null | undefined): Id[] =>
  (((doc?.[mediaRefsFieldName] as unknown[] | undefined) ?? []).map(idOf) as Id[])

/**
 * The refs on the live (main) row, read through the adapter: a draft save leaves that row alone, so
 * `originalDoc` (the latest draft) may not be it, and the hooks' documents lack the hidden field.
 */
async function liveRefs(req: PayloadRequest, collection: CollectionSlug, id: Id): Promise<Id[]> {
  const live = await req.payload.db.findOne<Doc & { id: Id }>({ collection, req, select: { [mediaRefsFieldName]: true }, where: { id: { equals: id } } })
  return storedRefs(live)
}

function remember(req: PayloadRequest, collection: string, id: Id, refs: Id[]): void {
  const holder = req as WithLiveBefore
  holder[liveBeforeKey] ??= new Map()
  holder[liveBeforeKey].set(`${collection}:${id}`, refs)
}

const recalled = (req: PayloadRequest, collection: string, id: Id): Id[] => (req as WithLiveBefore)[liveBeforeKey]?.get(`${collection}:${id}`) ?? []

/** Writes the document's `mediaRefs` from what it will hold, and remembers what the live row showed. */
const recordMediaRefs =
  (fields: MediaFields): CollectionBeforeChangeHook =>
  async ({ collection, data, originalDoc, req }) => {
    data[mediaRefsFieldName] = await existingMediaIds(req, mediaIdsIn({ ...originalDoc, ...data }, fields))
    if (originalDoc && !isDraftSave(req, collection.slug)) remember(req, collection.slug, originalDoc.id, await liveRefs(req, collection.slug, originalDoc.id))
    return data
  }

// Only the live row decides what visitors see: what it showed before and shows now is what changed.
const refreshAfterChange: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  // A draft save (autosave included) writes a version only; the live row, and so every flag, stays.
  if (isDraftSave(req, collection.slug)) return doc
  await refreshMediaVisibility(req, [...recalled(req, collection.slug, doc.id), ...(await liveRefs(req, collection.slug, doc.id))])
  return doc
}

const rememberBeforeDelete: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  remember(req, collection.slug, id, await liveRefs(req, collection.slug, id))
}

const refreshAfterDelete: CollectionAfterDeleteHook = async ({ collection, doc, id, req }) => {
  await refreshMediaVisibility(req, recalled(req, collection.slug, id))
  return doc
}

/**
 * Keeps media `usedByPublished` true exactly while something visitors can read shows them: every
 * save that writes the live row (create, publish, unpublish, trash, restore, a save without drafts)
 * and every delete refreshes the media it touched.
 */
export const trackMediaUse = (fields: MediaFields): NonNullable<CollectionConfig['hooks']> => ({
  afterChange: [refreshAfterChange],
  afterDelete: [refreshAfterDelete],
  beforeChange: [recordMediaRefs(fields)],
  beforeDelete: [rememberBeforeDelete],
})
