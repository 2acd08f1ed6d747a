import type { PayloadRequest } from 'payload'

import type { SourceRef } from '../types'

/** Whether the user may read this document in its own collection or global (trash included). */
export async function mayReadSource(req: PayloadRequest, ref: SourceRef): Promise<boolean> {
  if (ref.kind === 'global') {
    const global = req.payload.config.globals.find((candidate) => candidate.slug === ref.slug)
    return Boolean(global && (await global.access.read({ req })))
  }
  const collection = req.payload.collections[ref.slug as never] as { config: { trash?: boolean } } | undefined
  const { totalDocs } = await req.payload.count({
    collection: ref.slug as never,
    overrideAccess: false,
    req,
    trash: Boolean(collection?.config.trash),
    where: { id: { equals: ref.id } },
  })
  return totalDocs > 0
}
