import type { CollectionBeforeChangeHook } from 'payload'

import crypto from 'node:crypto'

/**
 * On every upload (a new document, or a replaced file), records the file's SHA-256 and whether
 * another document, in any state and in the trash too, holds exactly the same bytes. It flags the
 * copy rather than refusing it: a CV may rightly be attached twice, and the editor decides.
 */
export const flagDuplicate: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const file = req.file
  // Nobody sets these through the API: without a new file they keep what the last upload computed.
  if (!file?.data)
    return { ...data, duplicateOf: originalDoc?.duplicateOf ?? null, sha256: originalDoc?.sha256 ?? null }
  const sha256 = crypto.createHash('sha256').update(file.data).digest('hex')
  const { docs } = await req.payload.find({
    collection: 'documents',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    select: { title: true },
    trash: true,
    where: {
      and: [{ sha256: { equals: sha256 } }, ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : [])],
    },
  })
  return { ...data, duplicateOf: docs[0]?.id ?? null, sha256 }
}
