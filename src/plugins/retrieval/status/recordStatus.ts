import type { Payload } from 'payload'

import type { SourceRef } from '../types'
import type { IndexState } from './collections'

import { statusSlug } from './collections'

export type StatusPatch = {
  chunks?: number
  embedded?: number
  error?: null | string
  indexedAt?: null | string
  state: IndexState
  title?: string
  url?: string
}

const where = (ref: SourceRef) => ({ source: { equals: ref.slug }, sourceId: { equals: ref.id } })

/** Creates or updates the index status of one document. */
export async function recordStatus(payload: Payload, ref: SourceRef, patch: StatusPatch): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const { docs } = await payload.find({ collection: statusSlug, depth: 0, limit: 1, overrideAccess: true, where: where(ref) })
    if (docs[0]) {
      await payload.update({ collection: statusSlug, data: patch, depth: 0, id: docs[0].id, overrideAccess: true })
      return
    }
    try {
      await payload.create({
        collection: statusSlug,
        data: { source: ref.slug, sourceId: ref.id, sourceKind: ref.kind, ...patch },
        depth: 0,
        overrideAccess: true,
      })
      return
    } catch (error) {
      // Another writer created it first (the unique index said no): update theirs.
      if (attempt > 0) throw error
    }
  }
}

/** The stored status of one document, if any. */
export async function readStatus(payload: Payload, ref: Pick<SourceRef, 'id' | 'slug'>) {
  const { docs } = await payload.find({ collection: statusSlug, depth: 0, limit: 1, overrideAccess: true, where: where(ref as SourceRef) })
  return docs[0] ?? null
}
