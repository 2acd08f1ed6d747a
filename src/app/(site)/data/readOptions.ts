import type { TypedUser } from 'payload'

/**
 * Whose eyes a page reads with. Visitors (the default) see published documents only; `preview` is
 * set for a signed-in user in Next's draft mode whose roles let them read drafts, and then the reads
 * use that user's access instead of overriding it.
 */
export type ReadOptions = { preview: boolean; user: null | TypedUser }

export const visitor: ReadOptions = { preview: false, user: null }

export const previewCollections = ['projects', 'blog-posts'] as const
export type PreviewCollection = (typeof previewCollections)[number]

export const isPreviewCollection = (value: unknown): value is PreviewCollection =>
  previewCollections.includes(value as PreviewCollection)
