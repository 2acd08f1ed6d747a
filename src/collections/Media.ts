import type { CollectionConfig } from 'payload'

import path from 'node:path'

import { fieldHasPermission, hasPermission } from '../access/hasPermission'
import { mediaVisibleOrPermitted } from '../access/mediaVisibleOrPermitted'
import { nobody } from '../access/nobody'

/** Images and PDFs only: SVG is left out on purpose, since it can carry scripts. */
export const allowedMediaTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif', 'application/pdf']

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { group: 'Content' },
  access: {
    create: hasPermission('media', 'create'),
    delete: hasPermission('media', 'delete'),
    read: mediaVisibleOrPermitted,
    update: hasPermission('media', 'update'),
  },
  upload: {
    adminThumbnail: 'thumbnail',
    focalPoint: true,
    imageSizes: [
      { name: 'thumbnail', height: 300, position: 'centre', width: 300 },
      { name: 'card', height: 480, width: 768 },
      { name: 'og', height: 630, width: 1200 },
    ],
    mimeTypes: allowedMediaTypes,
    staticDir: path.resolve(process.env.MEDIA_DIR || 'media'),
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      admin: { description: 'Describes the image for screen readers and search engines.' },
      required: true,
    },
    { name: 'caption', type: 'textarea' },
    {
      name: 'public',
      type: 'checkbox',
      // Making an upload public shows it to visitors, so it takes the update grant even on create.
      access: { create: fieldHasPermission('media', 'update'), update: fieldHasPermission('media', 'update') },
      admin: {
        description:
          'Visitors may see this file even when no published content uses it (e.g. a CV linked from elsewhere).',
        position: 'sidebar',
      },
      defaultValue: false,
      index: true,
    },
    {
      name: 'usedByPublished',
      type: 'checkbox',
      // Kept by src/media/refreshMediaVisibility.ts; nobody sets it through the API.
      access: { create: nobody, update: nobody },
      admin: { hidden: true },
      defaultValue: false,
      index: true,
    },
  ],
}
