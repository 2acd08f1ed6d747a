import type { Payload } from 'payload'

import type { PreviewCollection } from './readOptions'

import { findRelated, type RelatedDocument } from '@askfolio/payload-retrieval'

import { relatedCollections } from '../../../pageCache/siteTags'

// What a project or post page's "Related" lists: published projects and posts, never documents' files or skills.
export { relatedCollections }

/** How many a page shows. */
export const relatedOnPage = 3

export type RelatedPage = Pick<RelatedDocument, 'collection' | 'heading' | 'id' | 'snippet' | 'title' | 'url'>

/**
 * The published projects and posts closest to this published one (the retrieval plugin's related
 * documents, read as a visitor), or none: a draft, or one not indexed yet, has none.
 */
export async function findRelatedPages(payload: Payload, collection: PreviewCollection, id: number) {
  const found = await findRelated(payload, {
    collection,
    collections: [...relatedCollections],
    id,
    limit: relatedOnPage,
  })
  return (found ?? []).map(({ collection, heading, id, snippet, title, url }): RelatedPage => ({
    collection,
    heading,
    id,
    snippet,
    title,
    url,
  }))
}
