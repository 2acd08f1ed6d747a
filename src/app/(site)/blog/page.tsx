import type { Metadata } from 'next'

import { PostList } from '../components/PostList'
import { building } from '../data/cachedRead'
import { site } from '../data/request'

export const metadata: Metadata = { description: 'Notes on what I build and learn.', title: 'Blog' }

export default async function BlogPage() {
  if (building()) return null
  const posts = await site.posts()
  return (
    <>
      <h1>Blog</h1>
      {posts.length > 0 ? <PostList headingLevel={2} posts={posts} /> : <p>No posts are published yet.</p>}
    </>
  )
}
