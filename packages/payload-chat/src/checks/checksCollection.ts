import type { Access, CollectionConfig, FieldAccess } from 'payload'

export const checksSlug = 'chat-checks'

/** What a check records of a run: the chat's own work, never an editor's. */
const writtenByRuns: { create: FieldAccess; update: FieldAccess } = { create: () => false, update: () => false }

/** How a check's last run came about. */
export const runTriggers = ['publish', 'schedule', 'command'] as const
export type RunTrigger = (typeof runTriggers)[number]

/**
 * An answer check: a question the chat must answer by citing `expectedCollection`/`expectedId`,
 * optionally with words the answer must hold. The last run's result, reason and time are written by
 * the runs only (`runAnswerChecks`, with the Local API's access overridden). `brokenBy` names the
 * publish after which a passing check first failed; it is cleared when the check passes again.
 * Editors who may read the chat (the plugin's `access.read`) read and manage checks; visitors never.
 */
export const buildChecksCollection = (read: Access): CollectionConfig => ({
  slug: checksSlug,
  access: { create: read, delete: read, read, update: read },
  admin: {
    defaultColumns: ['question', 'lastResult', 'lastReason', 'lastRunAt', 'lastRunBy'],
    description: 'Questions the chat must answer from a given document. They run after each publish and on a schedule.',
    group: 'Chat',
    useAsTitle: 'question',
  },
  fields: [
    { name: 'question', type: 'textarea', required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'expectedCollection',
          type: 'text',
          admin: { description: 'The collection (or global) of the document the answer must cite.' },
          index: true,
          required: true,
        },
        {
          name: 'expectedId',
          type: 'text',
          admin: { description: 'Its id (a global’s slug).' },
          index: true,
          required: true,
        },
      ],
    },
    {
      name: 'mustInclude',
      type: 'text',
      admin: { description: 'Words or phrases the answer must hold (any case).' },
      hasMany: true,
    },
    {
      name: 'lastResult',
      type: 'select',
      access: writtenByRuns,
      admin: { position: 'sidebar', readOnly: true },
      index: true,
      options: [
        { label: 'Pass', value: 'pass' },
        { label: 'Fail', value: 'fail' },
      ],
    },
    { name: 'lastReason', type: 'textarea', access: writtenByRuns, admin: { position: 'sidebar', readOnly: true } },
    {
      name: 'lastRunAt',
      type: 'date',
      access: writtenByRuns,
      admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar', readOnly: true },
    },
    {
      name: 'lastRunBy',
      type: 'select',
      access: writtenByRuns,
      admin: { description: 'What started the last run.', position: 'sidebar', readOnly: true },
      options: [...runTriggers],
    },
    { name: 'lastAnswer', type: 'textarea', access: writtenByRuns, admin: { readOnly: true } },
    {
      name: 'brokenBy',
      type: 'group',
      access: writtenByRuns,
      admin: {
        description:
          'The publish after which this check, passing before, first failed: the document whose new index broke it, when, and who saved it. Empty when unknown or passing.',
        readOnly: true,
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'collection', type: 'text' },
            { name: 'documentId', type: 'text' },
            { name: 'userId', type: 'text', admin: { description: 'The user whose save it was.' } },
            { name: 'at', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
          ],
        },
      ],
    },
  ],
  labels: { plural: 'Answer checks', singular: 'Answer check' },
})
