import type { Metadata } from 'next'

import { notFound } from 'next/navigation'
import { cache } from 'react'

import { DownloadLink } from '../../components/DocumentList'
import { FormattedDate } from '../../components/FormattedDate'
import { SkillLinks } from '../../components/SkillLinks'
import { pageMetadata } from '../../data/metadata'
import { site } from '../../data/request'

/** Rendered on a visitor's first request and cached from then on (none at build: no database is needed to build). */
export const generateStaticParams = async () => []

type Props = { params: Promise<{ slug: string }> }

const loadDocument = cache(async (slug: string) => site.documentBySlug(slug))

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const doc = await loadDocument((await params).slug)
  if (!doc) return { title: 'Page not found' }
  return pageMetadata({ description: doc.description, title: doc.title, type: 'article' })
}

export default async function DocumentPage({ params }: Props) {
  const doc = await loadDocument((await params).slug)
  if (!doc) notFound()
  return (
    <article className="entry">
      <header className="entry-header">
        <p className="eyebrow">
          <a href="/documents">Documents</a>
        </p>
        <h1>{doc.title}</h1>
        {doc.description && <p className="lead">{doc.description}</p>}
        {doc.publishedAt && (
          <p className="meta">
            Published <FormattedDate value={doc.publishedAt} />
          </p>
        )}
        <ul className="link-row">
          <li>
            <DownloadLink doc={doc} />
          </li>
        </ul>
      </header>
      <SkillLinks label="Skills" skills={doc.skills} />
    </article>
  )
}
