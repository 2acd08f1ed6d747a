import type { Metadata } from 'next'

import { notFound } from 'next/navigation'
import { cache } from 'react'

import { AttachedDocuments } from '../../components/DocumentList'
import { FormattedDate } from '../../components/FormattedDate'
import { MediaImage } from '../../components/MediaImage'
import { DraftNote } from '../../components/PreviewBanner'
import { RelatedLinks } from '../../components/RelatedLinks'
import { RichText } from '../../components/RichText'
import { safeHref } from '../../components/safeHref'
import { SkillLinks } from '../../components/SkillLinks'
import { pageMetadata } from '../../data/metadata'
import { findForPage, relatedForPage, site } from '../../data/request'

/** Rendered on a visitor's first request and cached from then on (none at build: no database is needed to build). */
export const generateStaticParams = async () => []

type Props = { params: Promise<{ slug: string }> }

const loadProject = cache(async (slug: string) => findForPage('projects', slug))

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const project = await loadProject((await params).slug)
  if (!project) return { title: 'Page not found' }
  return pageMetadata({
    description: project.summary,
    image: project.coverImage,
    title: project.title,
    type: 'article',
  })
}

export default async function ProjectPage({ params }: Props) {
  const project = await loadProject((await params).slug)
  if (!project) notFound()
  const documents = await site.documents({ project: project.id })
  const related = await relatedForPage('projects', project.id)
  const repo = safeHref(project.repoUrl)
  const live = safeHref(project.liveUrl)
  return (
    <article className="entry">
      {project._status === 'draft' && <DraftNote />}
      <header className="entry-header">
        <p className="eyebrow">
          <a href="/projects">Projects</a>
        </p>
        <h1>{project.title}</h1>
        {project.summary && <p className="lead">{project.summary}</p>}
        {project.publishedAt && (
          <p className="meta">
            Published <FormattedDate value={project.publishedAt} />
          </p>
        )}
        {(repo || live) && (
          <ul className="link-row">
            {repo && (
              <li>
                <a className="button" href={repo}>
                  Source code
                </a>
              </li>
            )}
            {live && (
              <li>
                <a className="button" href={live}>
                  Live site
                </a>
              </li>
            )}
          </ul>
        )}
      </header>
      <MediaImage className="hero-image" eager media={project.coverImage} size="og" />
      <RichText data={project.description} />
      <SkillLinks label="Built with" skills={project.skills} />
      <AttachedDocuments documents={documents} />
      <RelatedLinks related={related} />
    </article>
  )
}
