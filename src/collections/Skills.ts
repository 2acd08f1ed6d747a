import type { CollectionConfig } from 'payload'

import { hasPermission } from '../access/hasPermission'
import { slugField } from '../fields/slugField'
import { mediaRefsField } from '../media/mediaRefsField'
import { mediaFieldsOf } from '../media/mediaSources'
import { trackMediaUse } from '../media/trackMediaUse'

export const skillCategories = ['language', 'framework', 'database', 'cloud', 'tool', 'practice', 'soft skill'] as const

export const skillLevels = ['beginner', 'intermediate', 'advanced', 'expert'] as const

export const Skills: CollectionConfig = {
  slug: 'skills',
  admin: { defaultColumns: ['name', 'category', 'level'], group: 'Content', useAsTitle: 'name' },
  access: {
    create: hasPermission('skills', 'create'),
    delete: hasPermission('skills', 'delete'),
    read: () => true,
    update: hasPermission('skills', 'update'),
  },
  defaultSort: 'name',
  hooks: trackMediaUse(mediaFieldsOf('skills')),
  fields: [
    { name: 'name', type: 'text', required: true, unique: true },
    slugField('name'),
    {
      name: 'category',
      type: 'select',
      options: skillCategories.map((value) => ({ label: value, value })),
      required: true,
    },
    { name: 'level', type: 'select', options: skillLevels.map((value) => ({ label: value, value })) },
    { name: 'description', type: 'textarea' },
    { name: 'icon', type: 'upload', relationTo: 'media' },
    mediaRefsField,
  ],
}
