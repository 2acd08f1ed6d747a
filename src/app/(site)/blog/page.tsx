import type { Metadata } from 'next'

import { PostList } from '../components/PostList'
import { listPosts } from '../data/findPublished'
import { getSitePayload } from '../data/request'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { description: 'Notes on what I build and learn.', title: 'Blog' }

export default async function BlogPage() {
  const posts = await listPosts(await getSitePayload())
  return (
    <>
      <h1>Blog</h1>
      {posts.length > 0 ? <PostList headingLevel={2} posts={posts} /> : <p>No posts are published yet.</p>}
    </>
  )
}
