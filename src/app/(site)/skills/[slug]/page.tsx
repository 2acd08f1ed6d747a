import type { Metadata } from 'next'

import { notFound } from 'next/navigation'
import { cache } from 'react'

import { PostList } from '../../components/PostList'
import { ProjectGrid } from '../../components/ProjectCard'
import { categoryTitle } from '../../components/SkillGroups'
import { site } from '../../data/request'

/** Rendered on a visitor's first request and cached from then on (none at build: no database is needed to build). */
export const generateStaticParams = async () => []

type Props = { params: Promise<{ slug: string }> }

const loadSkill = cache(async (slug: string) => site.skillBySlug(slug))

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const skill = await loadSkill((await params).slug)
  if (!skill) return { title: 'Page not found' }
  return { description: skill.description ?? undefined, title: skill.name }
}

export default async function SkillPage({ params }: Props) {
  const skill = await loadSkill((await params).slug)
  if (!skill) notFound()
  const [projects, posts] = await Promise.all([site.projects({ skill: skill.id }), site.posts({ skill: skill.id })])
  return (
    <article className="entry">
      <header className="entry-header">
        <p className="eyebrow">Skill</p>
        <h1>{skill.name}</h1>
        <dl className="facts">
          <div>
            <dt>Category</dt>
            <dd>{categoryTitle(skill.category)}</dd>
          </div>
          {skill.level && (
            <div>
              <dt>Level</dt>
              <dd className="capitalize">{skill.level}</dd>
            </div>
          )}
        </dl>
        {skill.description && <p className="lead">{skill.description}</p>}
      </header>
      <section aria-labelledby="skill-projects">
        <h2 id="skill-projects">Projects</h2>
        {projects.length > 0 ? <ProjectGrid projects={projects} /> : <p>No published projects use {skill.name} yet.</p>}
      </section>
      <section aria-labelledby="skill-posts">
        <h2 id="skill-posts">Blog posts</h2>
        {posts.length > 0 ? <PostList posts={posts} /> : <p>No published posts about {skill.name} yet.</p>}
      </section>
    </article>
  )
}
