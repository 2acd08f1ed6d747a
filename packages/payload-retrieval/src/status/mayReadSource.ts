import type { PayloadRequest } from 'payload'

import type { SourceRef } from '../types'

import { collectionStore } from '../store/collectionStore'

/** Whether the user may read this document in its own collection or global (trash included). */
export async function mayReadSource(req: PayloadRequest, ref: SourceRef): Promise<boolean> {
  if (ref.kind === 'global') {
    const global = req.payload.config.globals.find((candidate) => candidate.slug === ref.slug)
    return Boolean(global && (await global.access.read({ req })))
  }
  const collection = req.payload.config.collections.find((candidate) => candidate.slug === ref.slug)
  const totalDocs = await collectionStore(ref.slug).count(req.payload, {
    overrideAccess: false,
    req,
    trash: Boolean(collection?.trash),
    where: { id: { equals: ref.id } },
  })
  return totalDocs > 0
}
