import type { IndexedListener } from '@askfolio/payload-retrieval'
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionConfig,
  GlobalAfterChangeHook,
  GlobalConfig,
  PayloadRequest,
} from 'payload'

import { mergeHooks } from '../hooks/mergeHooks'
import { isDraftSave } from '../hooks/publicationState'
import { afterCommit } from './afterCommit'
import { recordInvalidation } from './invalidationLog'
import { pageCacheStore } from './pageCacheStore'
import { idTag, listTag, profileTag, relatedCollections, relatedTag, slugTag } from './siteTags'

type Shown = { id?: number | string; slug?: unknown } | null | undefined

/** The lists of `collection`, links to the document, and its pages at its slug before and after the write. */
function tagsFor(collection: string, ...docs: Shown[]): string[] {
  const slugs = new Set(docs.map((doc) => doc?.slug).filter((slug) => typeof slug === 'string' && slug !== ''))
  const ids = new Set(docs.map((doc) => doc?.id).filter((id) => id !== undefined && id !== null))
  return [
    listTag(collection),
    ...[...ids].map((id) => idTag(collection, id as number | string)),
    ...[...slugs].map((slug) => slugTag(collection, slug as string)),
  ]
}

/**
 * Every web instance drops the pages showing `tags` once the write commits: this one at once (so
 * the editor's next look is fresh), the others through the log they follow. This one's follower
 * skips the entry, or it would drop the pages rendered since a second time.
 */
async function announce(req: PayloadRequest, tags: string[]): Promise<void> {
  const entry = await recordInvalidation(req, tags)
  await afterCommit(req, () => pageCacheStore()?.invalidate(tags, entry))
}

const afterChange =
  (shownFields?: string[]): CollectionAfterChangeHook =>
  async ({ collection, doc, previousDoc, req }) => {
    // A new draft version leaves what visitors see as it was (publishing, unpublishing and trashing
    // all change the document itself).
    if (isDraftSave(req, collection.slug)) return doc
    // Where the site shows only some fields (a user's name), other changes (a login) change no page.
    const shownChanged = !shownFields || shownFields.some((field) => doc?.[field] !== previousDoc?.[field])
    if (shownChanged) await announce(req, tagsFor(collection.slug, doc, previousDoc))
    return doc
  }

const afterDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  await announce(req, tagsFor(collection.slug, doc))
  return doc
}

const afterGlobalChange: GlobalAfterChangeHook = async ({ doc, req }) => {
  await announce(req, [profileTag])
  return doc
}

/**
 * A collection the site shows: its writes invalidate the cached pages that show it. With
 * `shownFields`, only changes to those fields (and deletes) do.
 */
export const withPageInvalidation =
  (options: { shownFields?: string[] } = {}) =>
  (collection: CollectionConfig): CollectionConfig => ({
    ...collection,
    hooks: mergeHooks(collection.hooks, {
      afterChange: [afterChange(options.shownFields)],
      afterDelete: [afterDelete],
    }),
  })

/** The profile: every page shows it. */
export const withGlobalPageInvalidation = (global: GlobalConfig): GlobalConfig => ({
  ...global,
  hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), afterGlobalChange] },
})

/**
 * The retrieval plugin's `onIndexed`: the index changed after the save's own hooks had dropped its
 * pages, so the pages that show related documents (and their cached reads) are dropped again, on
 * every instance, now that the index holds the change. Outside any transaction: the index is written.
 */
export const announceIndexChanged: IndexedListener = async ({ payload, ref, result }) => {
  // Only projects and posts are ever related documents on a page (a skill's rename reindexes them too).
  if (!result.changed || !(relatedCollections as readonly string[]).includes(ref.slug)) return
  const entry = await recordInvalidation({ payload }, [relatedTag])
  pageCacheStore()?.invalidate([relatedTag], entry)
}
