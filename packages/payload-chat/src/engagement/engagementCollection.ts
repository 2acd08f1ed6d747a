import type { Access, CollectionConfig } from 'payload'

export const engagementSlug = 'chat-engagement'

/** What the widget counts. */
export const engagementKinds = ['view', 'open', 'question', 'click'] as const
export type EngagementKind = (typeof engagementKinds)[number]

/**
 * Counts of what visitors do, per UTC day and page: page views, widget opens, questions asked, and
 * clicks on a cited source (`target`, the source's address). Counts only: no visitor, session,
 * address, cookie or browser is recorded, so a row says nothing about anyone. Written in SQL by
 * `recordEngagement` (one upsert per batch); nobody writes them through the API.
 */
export const buildEngagementCollection = (read: Access): CollectionConfig => ({
  slug: engagementSlug,
  access: { create: () => false, delete: () => false, read, update: () => false },
  admin: { defaultColumns: ['day', 'kind', 'page', 'target', 'count'], group: 'Chat', hidden: true },
  disableDuplicate: true,
  // The labels' singular and plural are the same words; GraphQL needs two names.
  graphQL: { pluralName: 'ChatEngagementCounts', singularName: 'ChatEngagementCount' },
  fields: [
    { name: 'day', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } }, index: true, required: true },
    { name: 'kind', type: 'select', options: [...engagementKinds], required: true },
    { name: 'page', type: 'text', required: true },
    { name: 'target', type: 'text', defaultValue: '', required: true },
    { name: 'count', type: 'number', defaultValue: 0, required: true },
  ],
  // One row per day, kind, page and target: what `recordEngagement` adds to.
  indexes: [{ fields: ['day', 'kind', 'page', 'target'], unique: true }],
  labels: { plural: 'Chat engagement', singular: 'Chat engagement' },
  lockDocuments: false,
})
