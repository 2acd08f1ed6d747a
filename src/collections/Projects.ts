import type { CollectionConfig } from 'payload'

import { draftContentAccess } from '../access/draftContentAccess'
import { fieldHasPermission } from '../access/hasPermission'
import { ownerField } from '../fields/ownerField'
import { publishedAtField } from '../fields/publishedAtField'
import { slugField } from '../fields/slugField'
import { urlField } from '../fields/urlField'
import { mergeHooks } from '../hooks/mergeHooks'
import { publicationHooks } from '../hooks/publicationHooks'
import { mediaRefsField } from '../media/mediaRefsField'
import { mediaFieldsOf } from '../media/mediaSources'
import { trackMediaUse } from '../media/trackMediaUse'
import { previewUrl } from './previewUrl'

export const Projects: CollectionConfig = {
  slug: 'projects',
  admin: {
    defaultColumns: ['title', '_status', 'featured', 'owner', 'updatedAt'],
    group: 'Content',
    preview: previewUrl('projects', '/projects'),
    useAsTitle: 'title',
  },
  access: draftContentAccess('projects', 'owner'),
  defaultSort: '-publishedAt',
  hooks: mergeHooks(publicationHooks('projects', 'owner'), trackMediaUse(mediaFieldsOf('projects'))),
  trash: true,
  versions: { drafts: true, maxPerDoc: 50 },
  fields: [
    { name: 'title', type: 'text', required: true },
    slugField('title'),
    { name: 'summary', type: 'textarea', admin: { description: 'One or two sentences for cards and previews.' } },
    { name: 'description', type: 'richText' },
    { name: 'skills', type: 'relationship', relationTo: 'skills', hasMany: true },
    {
      type: 'row',
      fields: [urlField('repoUrl', 'Repository URL'), urlField('liveUrl', 'Live URL')],
    },
    { name: 'coverImage', type: 'upload', relationTo: 'media' },
    {
      name: 'documents',
      type: 'join',
      admin: { description: 'Documents that name this project (set on the document).' },
      collection: 'documents',
      on: 'projects',
    },
    { name: 'featured', type: 'checkbox', admin: { position: 'sidebar' }, defaultValue: false },
    {
      name: 'internalNotes',
      type: 'textarea',
      access: { read: fieldHasPermission('projects', 'read') },
      admin: {
        description: 'Private notes for the team: never shown on the site, in the API to visitors, or to the chatbot.',
      },
    },
    ownerField('owner', 'Owner', 'projects'),
    publishedAtField,
    mediaRefsField,
  ],
}
