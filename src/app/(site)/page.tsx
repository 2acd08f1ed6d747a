import config from '@payload-config'
import { getPayload } from 'payload'

export const dynamic = 'force-dynamic'

/** A minimal home page until the public site is built: the profile and the latest published posts. */
export default async function HomePage() {
  const payload = await getPayload({ config })
  const [profile, posts] = await Promise.all([
    payload.findGlobal({ slug: 'profile', depth: 0, overrideAccess: false }),
    payload.find({ collection: 'blog-posts', depth: 0, limit: 5, overrideAccess: false, sort: '-publishedAt' }),
  ])
  return (
    <>
      <h1>{profile.name || 'askfolio'}</h1>
      {profile.headline && <p className="headline">{profile.headline}</p>}
      <h2>Latest posts</h2>
      <ul>
        {posts.docs.map((post) => (
          <li key={post.id}>{post.title}</li>
        ))}
      </ul>
      <p>
        <a href="/admin">Admin</a> · <a href="/api/graphql-playground">GraphQL playground</a>
      </p>
    </>
  )
}
