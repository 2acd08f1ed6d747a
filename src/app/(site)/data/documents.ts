import type { Payload } from 'payload'

import type { Document } from '../../../../payload-types'

const published = { _status: { equals: 'published' } } as const

/** What the site shows of a document: never the checksum or duplicate flag (editors' fields). */
const shown = {
  description: true,
  filename: true,
  filesize: true,
  mimeType: true,
  publishedAt: true,
  skills: true,
  slug: true,
  title: true,
} as const

export type DocumentSummary = Pick<
  Document,
  'description' | 'filename' | 'filesize' | 'id' | 'mimeType' | 'publishedAt' | 'skills' | 'slug' | 'title'
>

/** The published document at `slug`, as a visitor reads it (skills populated), or null. */
export async function findDocumentBySlug(payload: Payload, slug: string): Promise<DocumentSummary | null> {
  const { docs } = await payload.find({
    collection: 'documents',
    depth: 1,
    draft: false,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    select: shown,
    where: { and: [{ slug: { equals: slug } }, published] },
  })
  return (docs[0] as DocumentSummary | undefined) ?? null
}

/**
 * Published documents, newest first; with `project` or `post`, only those attached to it. A
 * visitor's read: drafts, trashed documents and unpublished ones never appear.
 */
export async function listDocuments(
  payload: Payload,
  { limit = 100, post, project }: { limit?: number; post?: number; project?: number } = {},
): Promise<DocumentSummary[]> {
  const { docs } = await payload.find({
    collection: 'documents',
    depth: 1,
    limit,
    overrideAccess: false,
    select: shown,
    sort: '-publishedAt',
    where: {
      and: [
        published,
        ...(project ? [{ projects: { in: [project] } }] : []),
        ...(post ? [{ posts: { in: [post] } }] : []),
      ],
    },
  })
  return docs as DocumentSummary[]
}
