import type { Metadata } from 'next'

import { documentPageUrl } from '../../documents/documentFileTypes'
import { DownloadLink } from './components/DocumentList'
import { MediaImage } from './components/MediaImage'
import { PostList } from './components/PostList'
import { ProjectGrid } from './components/ProjectCard'
import { RichText } from './components/RichText'
import { SkillGroups } from './components/SkillGroups'
import { SocialLinks } from './components/SocialLinks'
import { building } from './data/cachedRead'
import { pageMetadata } from './data/metadata'
import { getProfile, site } from './data/request'
import { groupSkillsByCategory } from './data/skills'

export async function generateMetadata(): Promise<Metadata> {
  if (building()) return {}
  const profile = await getProfile()
  const meta = pageMetadata({ description: profile.headline, image: profile.avatar, title: profile.name || 'askfolio' })
  return { ...meta, title: { absolute: profile.name || 'askfolio' } }
}

export default async function HomePage() {
  if (building()) return null
  const [profile, featured, posts, skills] = await Promise.all([
    getProfile(),
    site.projects({ featured: true, limit: 6 }),
    site.posts({ limit: 5 }),
    site.skills(),
  ])
  // The CV shows once its document is published (a visitor's read leaves an unpublished one as an id).
  const cv = typeof profile.cv === 'object' && profile.cv?._status === 'published' ? profile.cv : null
  // Without featured projects, the newest ones stand in.
  const projects = featured.length > 0 ? featured : await site.projects({ limit: 3 })
  return (
    <>
      <section aria-labelledby="intro" className="intro">
        <MediaImage className="avatar" eager media={profile.avatar} size="thumbnail" />
        <div>
          <h1 id="intro">{profile.name || 'askfolio'}</h1>
          {profile.headline && <p className="lead">{profile.headline}</p>}
          {profile.location && <p className="meta">{profile.location}</p>}
          <SocialLinks label="Profiles" links={profile.socialLinks} />
          {cv && (
            <p>
              <DownloadLink doc={cv} /> <a href={documentPageUrl(cv.slug ?? '')}>About my CV</a>
            </p>
          )}
        </div>
      </section>
      <RichText data={profile.bio} />

      {projects.length > 0 && (
        <section aria-labelledby="projects-heading">
          <h2 id="projects-heading">{featured.length > 0 ? 'Featured projects' : 'Projects'}</h2>
          <ProjectGrid projects={projects} />
          <p>
            <a href="/projects">All projects</a>
          </p>
        </section>
      )}

      {posts.length > 0 && (
        <section aria-labelledby="posts-heading">
          <h2 id="posts-heading">Latest posts</h2>
          <PostList posts={posts} />
          <p>
            <a href="/blog">All posts</a>
          </p>
        </section>
      )}

      {skills.length > 0 && (
        <section aria-labelledby="skills-groups-heading">
          <h2 id="skills-groups-heading">Skills</h2>
          <SkillGroups groups={groupSkillsByCategory(skills)} />
        </section>
      )}
    </>
  )
}
