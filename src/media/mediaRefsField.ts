import type { RelationshipField } from 'payload'

import { nobody } from '../access/nobody'

export const mediaRefsFieldName = 'mediaRefs'

/**
 * Every media document the document shows, kept by `trackMediaUse` so that which media published
 * content uses is one indexed query away, rich text included. Nobody writes or reads it through the API.
 */
export const mediaRefsField: RelationshipField = {
  name: mediaRefsFieldName,
  type: 'relationship',
  access: { create: nobody, read: nobody, update: nobody },
  admin: { hidden: true },
  hasMany: true,
  maxDepth: 0,
  relationTo: 'media',
}
