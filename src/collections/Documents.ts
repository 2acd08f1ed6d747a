import type { CollectionConfig } from 'payload'

import { draftContentAccess } from '../access/draftContentAccess'
import { fieldHasPermission } from '../access/hasPermission'
import { documentMimeTypes, documentsDir } from '../documents/documentFileTypes'
import { flagDuplicate } from '../documents/flagDuplicate'
import { ownerField } from '../fields/ownerField'
import { publishedAtField } from '../fields/publishedAtField'
import { slugField } from '../fields/slugField'
import { mergeHooks } from '../hooks/mergeHooks'
import { publicationHooks } from '../hooks/publicationHooks'

// Set by flagDuplicate from the uploaded file, whatever a request sends; visitors never see them.
const editorsOnly = { read: fieldHasPermission('documents', 'read') }

/**
 * Files the chatbot reads and cites: a CV, case studies, slides, a thesis. Published like the other
 * content (drafts, versions, trash, the publish right); the retrieval plugin reads the text of the
 * published file in its indexing job, so an upload never waits for it.
 */
export const Documents: CollectionConfig = {
  slug: 'documents',
  admin: {
    defaultColumns: ['title', 'filename', '_status', 'duplicateOf', 'updatedAt'],
    description: 'PDF, Word (.docx), Markdown or plain-text files. The chatbot answers from published ones.',
    group: 'Content',
    useAsTitle: 'title',
  },
  access: draftContentAccess('documents', 'owner'),
  defaultSort: '-updatedAt',
  hooks: mergeHooks(publicationHooks('documents', 'owner'), { beforeChange: [flagDuplicate] }),
  trash: true,
  upload: {
    mimeTypes: documentMimeTypes,
    staticDir: documentsDir(),
  },
  versions: { drafts: true, maxPerDoc: 50 },
  fields: [
    { name: 'title', type: 'text', required: true },
    slugField('title'),
    { name: 'description', type: 'textarea', admin: { description: 'Shown on the site with the download link.' } },
    { name: 'skills', type: 'relationship', relationTo: 'skills', hasMany: true },
    { name: 'projects', type: 'relationship', relationTo: 'projects', hasMany: true },
    { name: 'posts', type: 'relationship', label: 'Blog posts', relationTo: 'blog-posts', hasMany: true },
    ownerField('owner', 'Owner', 'documents'),
    publishedAtField,
    {
      name: 'sha256',
      type: 'text',
      access: editorsOnly,
      admin: { description: 'The checksum of the file, computed on upload.', position: 'sidebar', readOnly: true },
      index: true,
      label: 'SHA-256',
    },
    {
      name: 'duplicateOf',
      type: 'relationship',
      access: editorsOnly,
      admin: {
        condition: (data) => Boolean(data?.duplicateOf),
        description: 'Another document holds exactly the same file.',
        position: 'sidebar',
        readOnly: true,
      },
      relationTo: 'documents',
    },
  ],
}
