import { unstable_cache } from 'next/cache'
import { isNextBuild } from 'payload/shared'

import { idTag } from '../../../pageCache/siteTags'

/**
 * A visitor's read through Next's data cache under `tags` (src/pageCache/siteTags.ts). Next records
 * the tags of the reads a page makes on the page itself, so publishing a change to what the read
 * returned drops both the read and every cached page that made it. Only for reads that are the same
 * for every visitor: a preview's reads (with an editor's rights) never come here.
 */
export function cachedRead<T>(key: unknown[], tags: string[], read: () => Promise<T>): Promise<T> {
  return unstable_cache(read, [JSON.stringify(key)], { tags })()
}

/** Adds `tags` to the page being rendered, for what it shows that its reads did not name. */
export async function tagPage(tags: string[]): Promise<void> {
  if (tags.length > 0) await unstable_cache(async () => true, ['page-tags', ...tags], { tags })()
}

type LinkNode = { children?: unknown[]; fields?: { doc?: { relationTo?: string; value?: unknown } }; type?: string }

/**
 * The documents a rich-text value links to (its internal links), as id tags: the link's address is
 * the linked document's slug, and it is plain text while that document is unpublished.
 */
export function linkedTags(value: unknown): string[] {
  const tags = new Set<string>()
  const visit = (node: LinkNode) => {
    const doc = node.fields?.doc
    if (node.type === 'link' && doc?.relationTo) {
      const id = typeof doc.value === 'object' && doc.value !== null ? (doc.value as { id?: unknown }).id : doc.value
      if (typeof id === 'number' || typeof id === 'string') tags.add(idTag(doc.relationTo, id))
    }
    for (const child of node.children ?? []) if (child && typeof child === 'object') visit(child as LinkNode)
  }
  const root = (value as { root?: LinkNode } | null | undefined)?.root
  if (root) visit(root)
  return [...tags]
}

/**
 * `next build` renders the static pages once, with no data: no database is needed to build, and the
 * server never reads that output (its pages come from src/pageCache, filled on first request).
 */
export const building = isNextBuild
