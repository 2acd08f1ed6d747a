import type { Access, CollectionConfig, CollectionSlug, FieldAccess } from 'payload'

export const sessionsSlug = 'chat-sessions'
export const messagesSlug = 'chat-messages'

const readOnly = (read: Access): CollectionConfig['access'] => ({
  create: () => false,
  delete: () => false,
  read,
  update: () => false,
})

/** Which signed-in user a session belongs to: the auth collection, and who may see the link. */
export type SessionUserLink = { read: FieldAccess; relationTo: string }

/**
 * A visitor's conversation. Visitors are anonymous: the only thing that ties their questions
 * together is an opaque, random `publicId` the widget keeps. A session started by a signed-in user
 * (an editor trying the widget) also names that user, so their conversations can be exported and
 * purged with their account; only `user.read` may see the link.
 */
export const buildSessionsCollection = (read: Access, user?: SessionUserLink): CollectionConfig => ({
  slug: sessionsSlug,
  access: readOnly(read),
  admin: { defaultColumns: ['createdAt', 'messageCount', 'lastMessageAt'], group: 'Chat', useAsTitle: 'createdAt' },
  disableDuplicate: true,
  fields: [
    { name: 'publicId', type: 'text', admin: { readOnly: true }, index: true, required: true, unique: true },
    { name: 'messageCount', type: 'number', defaultValue: 0 },
    { name: 'lastMessageAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, index: true },
    ...(user
      ? [
          {
            name: 'user',
            type: 'relationship' as const,
            access: { create: () => false, read: user.read, update: () => false },
            admin: {
              description: 'The signed-in user who started the conversation.',
              position: 'sidebar' as const,
              readOnly: true,
            },
            index: true,
            relationTo: user.relationTo as CollectionSlug,
          },
        ]
      : []),
  ],
  labels: { plural: 'Chat sessions', singular: 'Chat session' },
  lockDocuments: false,
})

/** One question and its answer, with the sources, scores, model and timings, and the visitor's feedback. */
export const buildMessagesCollection = (read: Access): CollectionConfig => ({
  slug: messagesSlug,
  access: readOnly(read),
  admin: {
    defaultColumns: ['createdAt', 'question', 'confidence', 'status', 'rating'],
    group: 'Chat',
    useAsTitle: 'question',
  },
  disableDuplicate: true,
  fields: [
    { name: 'publicId', type: 'text', admin: { readOnly: true }, index: true, required: true, unique: true },
    { name: 'session', type: 'relationship', index: true, relationTo: sessionsSlug as CollectionSlug, required: true },
    { name: 'question', type: 'textarea', required: true },
    {
      name: 'query',
      type: 'textarea',
      admin: { description: 'What was searched for: the question, rewritten if it was a follow-up.' },
    },
    { name: 'answer', type: 'textarea' },
    { name: 'sources', type: 'json', admin: { description: 'The passages cited, with their scores.' } },
    {
      name: 'unanswered',
      type: 'checkbox',
      admin: { description: 'Nothing relevant was found.' },
      defaultValue: false,
      index: true,
    },
    {
      name: 'confidence',
      type: 'select',
      admin: {
        description:
          'High: answered from the sources. Middle: not sure, the closest pages were offered. Low: nothing close (unanswered).',
      },
      index: true,
      options: ['high', 'middle', 'low'],
    },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'complete',
      index: true,
      options: ['complete', 'failed', 'stopped'],
    },
    { name: 'error', type: 'textarea' },
    { name: 'model', type: 'text' },
    {
      type: 'row',
      fields: [
        { name: 'retrievalMs', type: 'number', admin: { description: 'Rewriting and searching' } },
        { name: 'firstTokenMs', type: 'number' },
        { name: 'totalMs', type: 'number' },
      ],
    },
    { name: 'rating', type: 'select', index: true, options: ['up', 'down'] },
    { name: 'comment', type: 'textarea' },
    { name: 'ratedAt', type: 'date' },
  ],
  labels: { plural: 'Chat messages', singular: 'Chat message' },
  lockDocuments: false,
})
