import type { CollectionConfig } from 'payload'

import { draftContentAccess } from '../access/draftContentAccess'
import { ownerField } from '../fields/ownerField'
import { publishedAtField } from '../fields/publishedAtField'
import { slugField } from '../fields/slugField'
import { mergeHooks } from '../hooks/mergeHooks'
import { publicationHooks } from '../hooks/publicationHooks'
import { mediaRefsField } from '../media/mediaRefsField'
import { mediaFieldsOf } from '../media/mediaSources'
import { trackMediaUse } from '../media/trackMediaUse'
import { previewUrl } from './previewUrl'

export const BlogPosts: CollectionConfig = {
  slug: 'blog-posts',
  admin: {
    defaultColumns: ['title', '_status', 'author', 'publishedAt'],
    group: 'Content',
    preview: previewUrl('blog-posts', '/blog'),
    useAsTitle: 'title',
  },
  access: draftContentAccess('blog-posts', 'author'),
  defaultSort: '-publishedAt',
  hooks: mergeHooks(publicationHooks('blog-posts', 'author'), trackMediaUse(mediaFieldsOf('blog-posts'))),
  labels: { plural: 'Blog posts', singular: 'Blog post' },
  trash: true,
  versions: { drafts: { autosave: { interval: 1500 } }, maxPerDoc: 50 },
  fields: [
    { name: 'title', type: 'text', required: true },
    slugField('title'),
    { name: 'excerpt', type: 'textarea', admin: { description: 'A short summary shown in lists.' } },
    { name: 'content', type: 'richText' },
    { name: 'skills', type: 'relationship', relationTo: 'skills', hasMany: true },
    { name: 'heroImage', type: 'upload', relationTo: 'media' },
    {
      name: 'documents',
      type: 'join',
      admin: { description: 'Documents that name this post (set on the document).' },
      collection: 'documents',
      on: 'posts',
    },
    ownerField('author', 'Author', 'blog-posts'),
    publishedAtField,
    mediaRefsField,
  ],
}
