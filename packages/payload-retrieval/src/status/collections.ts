import type { CollectionConfig } from 'payload'

import type { RetrievalContext } from '../context'

import { readableStatusRows } from './readableStatusRows'

export const statusSlug = 'retrieval-status'
export const runsSlug = 'retrieval-runs'
export const indexStates = ['indexed', 'not-indexed', 'pending', 'failed'] as const
export type IndexState = (typeof indexStates)[number]

const readOnly = (context: RetrievalContext): CollectionConfig['access'] => ({
  create: () => false,
  delete: () => false,
  read: ({ req }) => context.access.status({ req }),
  update: () => false,
})

/** One row per indexed document: its state in the search index. Written by the indexing jobs only. */
export const buildStatusCollection = (context: RetrievalContext): CollectionConfig => ({
  slug: statusSlug,
  access: { ...readOnly(context), read: ({ req }) => readableStatusRows(context, req) },
  admin: {
    components: { beforeListTable: ['@askfolio/payload-retrieval/client#ReindexPanel'] },
    defaultColumns: ['title', 'source', 'state', 'chunks', 'indexedAt'],
    description: 'Where each published document stands in the search index that the chatbot answers from.',
    group: 'Search',
    useAsTitle: 'title',
  },
  disableDuplicate: true,
  // Written by jobs only; nobody edits these documents, so there is nothing to lock.
  lockDocuments: false,
  fields: [
    { name: 'title', type: 'text' },
    { name: 'source', type: 'text', admin: { description: 'Collection or global' }, index: true, required: true },
    { name: 'sourceKind', type: 'select', options: ['collection', 'global'], required: true },
    { name: 'sourceId', type: 'text', required: true },
    { name: 'url', type: 'text' },
    { name: 'state', type: 'select', index: true, options: [...indexStates], required: true },
    { name: 'chunks', type: 'number', defaultValue: 0 },
    { name: 'embedded', type: 'number', admin: { description: 'Chunks embedded by the last run' }, defaultValue: 0 },
    { name: 'error', type: 'textarea' },
    { name: 'indexedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
  indexes: [{ fields: ['source', 'sourceId'], unique: true }],
  labels: { plural: 'Search index', singular: 'Index status' },
})

/** Bulk reindex runs, with their progress; a run that stops half-way is resumed from its cursor. */
export const buildRunsCollection = (context: RetrievalContext): CollectionConfig => ({
  slug: runsSlug,
  access: readOnly(context),
  admin: {
    defaultColumns: ['createdAt', 'state', 'processed', 'total', 'embedded', 'failed'],
    group: 'Search',
    hidden: true,
  },
  disableDuplicate: true,
  lockDocuments: false,
  fields: [
    { name: 'state', type: 'select', index: true, options: ['running', 'done', 'failed'], required: true },
    { name: 'total', type: 'number', defaultValue: 0 },
    { name: 'processed', type: 'number', defaultValue: 0 },
    { name: 'embedded', type: 'number', defaultValue: 0 },
    { name: 'failed', type: 'number', defaultValue: 0 },
    { name: 'cursor', type: 'text', admin: { description: 'The last document done, as "slug:id"' } },
    { name: 'error', type: 'textarea' },
    { name: 'finishedAt', type: 'date' },
  ],
  labels: { plural: 'Reindex runs', singular: 'Reindex run' },
})
