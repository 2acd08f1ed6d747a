/**
 * The admin's Preview button: the site's /preview route checks the editor's session and draft
 * access, turns on draft mode and opens the page. Nothing to preview until the document has a slug.
 */
export const previewUrl =
  (collection: 'blog-posts' | 'projects', basePath: string) =>
  (doc: Record<string, unknown>): null | string => {
    const slug = typeof doc?.slug === 'string' ? doc.slug : ''
    if (!slug) return null
    const query = new URLSearchParams({ collection, path: `${basePath}/${slug}`, slug })
    return `/preview?${query.toString()}`
  }
