import type { CollectionConfig } from 'payload'

import { hasPermission } from '../access/hasPermission'
import { nobody } from '../access/nobody'

export const editorDigestsSlug = 'editor-digests'

/**
 * One document per digest sent: the window it covered and what it held. The newest `until` is where
 * the next digest starts. Written by the digest job only.
 */
export const EditorDigests: CollectionConfig = {
  slug: editorDigestsSlug,
  access: { create: nobody, delete: nobody, read: hasPermission('chat', 'read'), update: nobody },
  admin: {
    defaultColumns: ['until', 'unanswered', 'negativeFeedback', 'recipients'],
    description: 'Digests of unanswered questions and negative feedback emailed to editors.',
    group: 'Chat',
    useAsTitle: 'until',
  },
  fields: [
    { name: 'since', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'until', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, index: true, required: true },
    { name: 'unanswered', type: 'number', defaultValue: 0 },
    { name: 'negativeFeedback', type: 'number', defaultValue: 0 },
    { name: 'recipients', type: 'number', defaultValue: 0 },
  ],
  timestamps: true,
}
