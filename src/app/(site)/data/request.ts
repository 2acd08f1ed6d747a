import type { Profile } from '../../../../payload-types'

import { draftMode, headers } from 'next/headers'
import { unstable_rethrow } from 'next/navigation'
import { getPayload } from 'payload'
import { cache } from 'react'

import config from '@payload-config'

import { linkedTags, tagPage } from './cachedRead'
import { findBySlug } from './findPublished'
import { authorizePreview } from './previewAccess'
import { type PreviewCollection, type ReadOptions, visitor } from './readOptions'
import { findRelatedPages, type RelatedPage } from './related'
import { visitorReads } from './visitorReads'

/** Per-request helpers for the pages: each runs once per request however many components ask. */
export const getSitePayload = () => getPayload({ config })

/** The visitor's reads, through the data cache (visitorReads.ts). */
export const site = visitorReads(getSitePayload)

export const getProfile = cache(async (): Promise<Profile> => {
  const profile = await site.profile()
  await tagPage(linkedTags(profile.bio))
  return profile
})

export const isPreviewing = cache(async () => (await draftMode()).isEnabled)

/**
 * Visitor reads, unless draft mode is on and the signed-in user may read drafts of `collection`.
 * A lapsed session in draft mode simply reads as a visitor.
 */
export const getReadOptions = cache(async (collection: PreviewCollection): Promise<ReadOptions> => {
  if (!(await isPreviewing())) return visitor
  const payload = await getSitePayload()
  const decision = await authorizePreview(payload, await headers(), collection)
  return decision.ok ? { preview: true, user: decision.user } : visitor
})

/**
 * The project or post at `slug` as the page shows it: in preview, the latest version the user may
 * read, read directly with their rights; otherwise the published one, through the data cache.
 */
export async function findForPage<C extends PreviewCollection>(collection: C, slug: string) {
  const options = await getReadOptions(collection)
  if (options.preview) return findBySlug(await getSitePayload(), collection, slug, options)
  return site.publishedBySlug(collection, slug)
}

/**
 * The published projects and posts related to the page's document: for visitors through the data
 * cache (visitorReads.ts); in a preview read directly, so nothing of a preview render is kept (it
 * shows what visitors would see, none for a draft). A failed read leaves the section out rather than
 * the page.
 */
export async function relatedForPage(collection: PreviewCollection, id: number): Promise<RelatedPage[]> {
  const payload = await getSitePayload()
  try {
    if ((await getReadOptions(collection)).preview) return await findRelatedPages(payload, collection, id)
    return await site.related(collection, id)
  } catch (error) {
    // Next.js's own signals (a render that must go dynamic, say) are not failures.
    unstable_rethrow(error)
    payload.logger.error({ err: error, msg: `related documents of ${collection} ${id} could not be read` })
    return []
  }
}
