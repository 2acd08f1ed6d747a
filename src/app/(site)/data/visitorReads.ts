import type { Payload } from 'payload'

import { listTag, profileTag, relatedTag, slugTag } from '../../../pageCache/siteTags'
import { cachedRead, linkedTags, tagPage } from './cachedRead'
import { type DocumentSummary, findDocumentBySlug, listDocuments } from './documents'
import { listFaq } from './faq'
import { findBySlug, type ListOptions, listPosts, listProjects } from './findPublished'
import { type PreviewCollection, visitor } from './readOptions'
import { findRelatedPages, relatedCollections } from './related'
import { findSkillBySlug, listSkills } from './skills'

/**
 * What the pages read for a visitor, each through the data cache with the tags of everything it
 * returns: the collection it lists or the slug it finds, and the collections its populated fields
 * come from (cover images, skills, a post's author). The reads themselves are in the files beside
 * this one; previews read there directly, never through the cache.
 */
type SitePayload = () => Promise<Payload>

const media = listTag('media')
const skills = listTag('skills')
const documents = listTag('documents')
// A blog post names its author.
const users = listTag('users')

export const visitorReads = (payload: SitePayload) => ({
  documentBySlug: (slug: string): Promise<DocumentSummary | null> =>
    cachedRead(['document', slug], [slugTag('documents', slug), skills], async () =>
      findDocumentBySlug(await payload(), slug),
    ),

  documents: (options: Parameters<typeof listDocuments>[1] = {}) =>
    cachedRead(['documents', options], [documents, skills], async () => listDocuments(await payload(), options)),

  /** The answers' rich text may link to other documents: the page carries their id tags too. */
  faq: async () => {
    const entries = await cachedRead(['faq'], [listTag('faq'), media], async () => listFaq(await payload()))
    await tagPage(entries.flatMap((entry) => linkedTags(entry.answer)))
    return entries
  },

  posts: (options: Omit<ListOptions, 'featured'> = {}) =>
    cachedRead(['posts', options], [listTag('blog-posts')], async () => listPosts(await payload(), options)),

  profile: () =>
    cachedRead(['profile'], [profileTag, media, documents], async () =>
      (await payload()).findGlobal({ depth: 1, overrideAccess: false, slug: 'profile' }),
    ),

  projects: (options: ListOptions = {}) =>
    cachedRead(['projects', options], [listTag('projects'), media, skills], async () =>
      listProjects(await payload(), options),
    ),

  /** The published project or post at `slug`; the page also carries the tags of the documents its text links to. */
  publishedBySlug: async <C extends PreviewCollection>(collection: C, slug: string) => {
    const doc = await cachedRead([collection, slug], [slugTag(collection, slug), media, skills, users], async () =>
      findBySlug(await payload(), collection, slug, visitor),
    )
    const text = doc && ('description' in doc ? doc.description : 'content' in doc ? doc.content : null)
    await tagPage(linkedTags(text))
    return doc
  },

  /**
   * The projects and posts related to one: tagged with the lists of those collections, so publishing,
   * unpublishing or trashing any of them drops the read and the pages that show it; with skills,
   * whose names are in the indexed text; and with `related`, dropped again once the indexing job has
   * brought the index in line (src/pageCache/invalidatePages.ts, `announceIndexChanged`).
   */
  related: (collection: PreviewCollection, id: number) =>
    cachedRead(['related', collection, id], [...relatedCollections.map(listTag), skills, relatedTag], async () =>
      findRelatedPages(await payload(), collection, id),
    ),

  skillBySlug: (slug: string) =>
    cachedRead(['skill', slug], [slugTag('skills', slug)], async () => findSkillBySlug(await payload(), slug)),

  skills: () => cachedRead(['skills'], [skills], async () => listSkills(await payload())),
})
