import type { PayloadRequest } from 'payload'

import { existingMediaIds } from './existingMediaIds'
import { mediaIdsIn, selectMediaFields } from './mediaIdsIn'
import { mediaRefsFieldName } from './mediaRefsField'
import { mediaSources } from './mediaSources'
import { refreshMediaVisibility } from './refreshMediaVisibility'

const batchSize = 500

/**
 * Once, when the flags arrive (the media-visibility migration): `mediaRefs` on every live row, then
 * `usedByPublished` on every media document, a batch at a time. Old versions keep no refs; they are
 * never asked, and a version that is published again gets them from its save.
 */
export async function backfillMediaVisibility(req: PayloadRequest): Promise<void> {
  const { db } = req.payload
  for (const { collection, fields } of mediaSources) {
    // The adapter reads the main rows, trashed ones included (restoring one from the trash saves it anyway).
    // Only the fields that show media: later migrations' columns and tables are not there yet.
    const select = selectMediaFields(fields)
    const { docs } = await db.find<Record<string, unknown> & { id: number | string }>({ collection, limit: 0, pagination: false, req, select })
    for (const doc of docs) {
      const refs = await existingMediaIds(req, mediaIdsIn(doc, fields))
      if (refs.length > 0) await db.updateOne({ id: doc.id, collection, data: { [mediaRefsFieldName]: refs }, req, returning: false })
    }
  }
  for (let page = 1; ; page++) {
    const { docs, hasNextPage } = await db.find({ collection: 'media', limit: batchSize, page, req, select: { id: true }, sort: 'id' })
    await refreshMediaVisibility(req, docs.map((doc) => doc.id))
    if (!hasNextPage) break
  }
}
