import type { CollectionConfig } from 'payload'

import { publishedOrSignedIn } from '../access/publishedOrSignedIn'
import { signedIn } from '../access/signedIn'

export const Posts: CollectionConfig = {
  slug: 'posts',
  access: { create: signedIn, delete: signedIn, read: publishedOrSignedIn, update: signedIn },
  admin: { defaultColumns: ['title', 'publishedAt', '_status'], useAsTitle: 'title' },
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'slug', type: 'text', index: true, required: true, unique: true },
    { name: 'excerpt', type: 'textarea' },
    { name: 'content', type: 'richText' },
    { name: 'publishedAt', type: 'date' },
  ],
  versions: { drafts: true },
}
