import type { Metadata } from 'next'

import type { BlogPost } from '../../../../../payload-types'

import { notFound } from 'next/navigation'
import { cache } from 'react'

import { AttachedDocuments } from '../../components/DocumentList'
import { FormattedDate } from '../../components/FormattedDate'
import { MediaImage } from '../../components/MediaImage'
import { DraftNote } from '../../components/PreviewBanner'
import { RelatedLinks } from '../../components/RelatedLinks'
import { RichText } from '../../components/RichText'
import { SkillLinks } from '../../components/SkillLinks'
import { pageMetadata } from '../../data/metadata'
import { findForPage, getReadOptions, relatedForPage, site } from '../../data/request'

/** Rendered on a visitor's first request and cached from then on (none at build: no database is needed to build). */
export const generateStaticParams = async () => []

type Props = { params: Promise<{ slug: string }> }

const loadPost = cache(async (slug: string) => {
  const options = await getReadOptions('blog-posts')
  const post = await findForPage('blog-posts', slug)
  // The author is named only when visitors may read the user (a preview reads with the editor's rights).
  const author = !options.preview && post?.author && typeof post.author === 'object' ? post.author.name : null
  return post && { author, post }
})

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await loadPost((await params).slug)
  if (!found) return { title: 'Page not found' }
  const { post } = found
  return pageMetadata({ description: post.excerpt, image: post.heroImage, title: post.title, type: 'article' })
}

export default async function BlogPostPage({ params }: Props) {
  const found = await loadPost((await params).slug)
  if (!found) notFound()
  const { author, post }: { author: null | string; post: BlogPost } = found
  const documents = await site.documents({ post: post.id })
  const related = await relatedForPage('blog-posts', post.id)
  return (
    <article className="entry">
      {post._status === 'draft' && <DraftNote />}
      <header className="entry-header">
        <p className="eyebrow">
          <a href="/blog">Blog</a>
        </p>
        <h1>{post.title}</h1>
        <p className="meta">
          <FormattedDate value={post.publishedAt} />
          {author && <> · {author}</>}
        </p>
        {post.excerpt && <p className="lead">{post.excerpt}</p>}
      </header>
      <MediaImage className="hero-image" eager media={post.heroImage} size="og" />
      <RichText data={post.content} />
      <SkillLinks label="Topics" skills={post.skills} />
      <AttachedDocuments documents={documents} />
      <RelatedLinks related={related} />
    </article>
  )
}
