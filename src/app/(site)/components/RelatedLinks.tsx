import type { RelatedPage } from '../data/related'

import { safeHref } from './safeHref'

const kinds: Record<string, string> = { 'blog-posts': 'Blog post', projects: 'Project' }

/** "Related" on a project or post page: the closest published pages, each with the passage that makes it close. */
export function RelatedLinks({ related }: { related: RelatedPage[] }) {
  const links = related.flatMap((page) => {
    const href = safeHref(page.url)
    return href ? [{ ...page, href }] : []
  })
  if (links.length === 0) return null
  return (
    <section aria-labelledby="related-heading" className="related">
      <h2 id="related-heading">Related</h2>
      <ul className="post-list">
        {links.map((page) => (
          <li key={`${page.collection}:${page.id}`}>
            <article>
              <h3>
                <a href={page.href}>{page.title}</a>
              </h3>
              <p className="meta">
                {kinds[page.collection] ?? page.collection}
                {page.heading && <> · {page.heading}</>}
              </p>
              <p>{page.snippet}</p>
            </article>
          </li>
        ))}
      </ul>
    </section>
  )
}
