import type { CollectionConfig } from 'payload'

import { publishedOrSignedIn } from '../access/publishedOrSignedIn'
import { signedIn } from '../access/signedIn'

export const Pages: CollectionConfig = {
  slug: 'pages',
  access: { create: signedIn, delete: signedIn, read: publishedOrSignedIn, update: signedIn },
  admin: { useAsTitle: 'title' },
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'slug', type: 'text', index: true, required: true, unique: true },
    { name: 'content', type: 'richText' },
  ],
  versions: { drafts: true },
}
