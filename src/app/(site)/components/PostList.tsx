import type { PostSummary } from '../data/findPublished'

import { FormattedDate } from './FormattedDate'

/** Blog posts as a list: linked title, date and excerpt. */
export function PostList({ headingLevel = 3, posts }: { headingLevel?: 2 | 3; posts: PostSummary[] }) {
  const Heading = `h${headingLevel}` as const
  return (
    <ul className="post-list">
      {posts.map((post) => (
        <li key={post.id}>
          <article>
            <Heading>
              <a href={`/blog/${post.slug}`}>{post.title}</a>
            </Heading>
            <p className="meta">
              <FormattedDate value={post.publishedAt} />
            </p>
            {post.excerpt && <p>{post.excerpt}</p>}
          </article>
        </li>
      ))}
    </ul>
  )
}
