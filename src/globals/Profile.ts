import type { GlobalConfig } from 'payload'

import { hasPermission } from '../access/hasPermission'
import { urlField } from '../fields/urlField'
import { profileMediaFields } from '../media/mediaSources'
import { trackGlobalMediaUse } from '../media/trackGlobalMediaUse'

export const socialPlatforms = ['github', 'linkedin', 'mastodon', 'bluesky', 'x', 'website', 'other'] as const

export const Profile: GlobalConfig = {
  slug: 'profile',
  admin: { group: 'Content' },
  hooks: { afterChange: [trackGlobalMediaUse(profileMediaFields)] },
  access: {
    read: () => true,
    update: hasPermission('profile', 'update'),
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'headline', type: 'text', admin: { description: 'One line under the name, e.g. "Backend engineer".' } },
    { name: 'bio', type: 'richText' },
    { name: 'location', type: 'text' },
    { name: 'avatar', type: 'upload', relationTo: 'media' },
    {
      name: 'cv',
      type: 'upload',
      admin: { description: 'Linked from the home page once the document is published.' },
      label: 'CV',
      relationTo: 'documents',
    },
    {
      name: 'socialLinks',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'platform',
              type: 'select',
              options: socialPlatforms.map((value) => ({ label: value, value })),
              required: true,
            },
            { ...urlField('url', 'URL'), required: true },
          ],
        },
      ],
    },
  ],
}
