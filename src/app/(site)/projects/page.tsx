import type { Metadata } from 'next'

import { ProjectGrid } from '../components/ProjectCard'
import { listProjects } from '../data/findPublished'
import { getSitePayload } from '../data/request'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { description: 'Everything I have built and published here.', title: 'Projects' }

export default async function ProjectsPage() {
  const projects = await listProjects(await getSitePayload())
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
