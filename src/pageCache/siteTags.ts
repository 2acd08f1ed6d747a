/**
 * The tags the site's visitor reads carry and publishing invalidates: a collection's lists, one
 * document by its slug (its page, or the 404 where it would be) and by its id (links to it), the
 * profile, which every page shows in its header and footer, and the related documents the index answers.
 */
export const listTag = (collection: string): string => collection

export const slugTag = (collection: string, slug: string): string => `${collection}/${slug}`

/** One document wherever it is referred to (a rich-text link shows its slug, or plain text while it is a draft). */
export const idTag = (collection: string, id: number | string): string => `${collection}#${id}`

export const profileTag = 'profile'

/** What the search index answers (a page's related documents): it changes when an indexing job has run, after the save. */
export const relatedTag = 'related'

/** The collections whose documents a page's related documents are (src/app/(site)/data/related.ts). */
export const relatedCollections = ['projects', 'blog-posts'] as const

/** In the invalidation log: every page, for a change no tag describes (a data migration). */
export const everythingTag = '*'
