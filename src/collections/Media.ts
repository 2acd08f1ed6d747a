import type { CollectionConfig } from 'payload'

import path from 'node:path'

import { hasPermission } from '../access/hasPermission'

/** Images and PDFs only: SVG is left out on purpose, since it can carry scripts. */
export const allowedMediaTypes = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/avif',
  'application/pdf',
]

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { group: 'Content' },
  access: {
    create: hasPermission('media', 'create'),
    delete: hasPermission('media', 'delete'),
    read: () => true,
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
  ],
}
