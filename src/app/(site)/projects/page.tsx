import type { Metadata } from 'next'

import { ProjectGrid } from '../components/ProjectCard'
import { building } from '../data/cachedRead'
import { site } from '../data/request'

export const metadata: Metadata = { description: 'Everything I have built and published here.', title: 'Projects' }

export default async function ProjectsPage() {
  if (building()) return null
  const projects = await site.projects()
  return (
    <>
      <h1>Projects</h1>
      {projects.length > 0 ? (
        <ProjectGrid headingLevel={2} projects={projects} />
      ) : (
        <p>No projects are published yet.</p>
      )}
    </>
  )
}
