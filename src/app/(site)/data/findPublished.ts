import type { Payload, Where } from 'payload'

import type { BlogPost, Project } from '../../../../payload-types'

import { type PreviewCollection, type ReadOptions, visitor } from './readOptions'

type DocOf<C extends PreviewCollection> = C extends 'projects' ? Project : BlogPost

const published: Where = { _status: { equals: 'published' } }

/**
 * Never read a project's private notes into the site, whoever is looking; nor the `documents` join,
 * which the page lists on its own (published documents only, `data/documents.ts`).
 */
const selectFor = (collection: PreviewCollection) =>
  collection === 'projects' ? { documents: false, internalNotes: false } : { documents: false }

/**
 * The project or blog post at `slug`, or null. Visitors get the published version (a newer draft
 * of a published document stays hidden); in preview, the latest version the user may read.
 * Access is never overridden.
 */
export async function findBySlug<C extends PreviewCollection>(
  payload: Payload,
  collection: C,
  slug: string,
  { preview, user }: ReadOptions = visitor,
): Promise<DocOf<C> | null> {
  const bySlug: Where = { slug: { equals: slug } }
  const inPreview = preview && user !== null
  const { docs } = await payload.find({
    collection,
    depth: 1,
    draft: inPreview,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    select: selectFor(collection),
    user: inPreview ? user : undefined,
    where: inPreview ? bySlug : { and: [bySlug, published] },
  } as Parameters<Payload['find']>[0])
  return (docs[0] as DocOf<C> | undefined) ?? null
}

export type ListOptions = { featured?: boolean; limit?: number; skill?: number }

const listWhere = ({ featured, skill }: ListOptions): Where => ({
  and: [
    published,
    ...(featured ? [{ featured: { equals: true } }] : []),
    ...(skill ? [{ skills: { in: [skill] } }] : []),
  ],
})

export type ProjectSummary = Pick<
  Project,
  '_status' | 'coverImage' | 'featured' | 'id' | 'publishedAt' | 'skills' | 'slug' | 'summary' | 'title'
>

/** Published projects, newest first: what a card and a skill page use (cover image and skills populated), not the description or owner. */
export async function listProjects(payload: Payload, options: ListOptions = {}): Promise<ProjectSummary[]> {
  const { docs } = await payload.find({
    collection: 'projects',
    depth: 1,
    limit: options.limit ?? 100,
    overrideAccess: false,
    select: {
      _status: true,
      coverImage: true,
      featured: true,
      publishedAt: true,
      skills: true,
      slug: true,
      summary: true,
      title: true,
    },
    sort: '-publishedAt',
    where: listWhere(options),
  })
  return docs as ProjectSummary[]
}

export type PostSummary = Pick<BlogPost, 'excerpt' | 'id' | 'publishedAt' | 'slug' | 'title'>

/** Published blog posts, newest first: only what a list shows. */
export async function listPosts(payload: Payload, options: Omit<ListOptions, 'featured'> = {}): Promise<PostSummary[]> {
  const { docs } = await payload.find({
    collection: 'blog-posts',
    depth: 0,
    limit: options.limit ?? 100,
    overrideAccess: false,
    select: { excerpt: true, publishedAt: true, slug: true, title: true },
    sort: '-publishedAt',
    where: listWhere(options),
  })
  return docs as PostSummary[]
}
