import type { ProjectSummary } from '../data/findPublished'

import { MediaImage } from './MediaImage'

type Level = { headingLevel?: 2 | 3 }

/** A project in a grid: cover image, linked title and summary. */
export function ProjectCard({ headingLevel = 3, project }: Level & { project: ProjectSummary }) {
  const Heading = `h${headingLevel}` as const
  return (
    <article className="card">
      <MediaImage className="card-image" media={project.coverImage} size="card" />
      <div className="card-body">
        <Heading>
          <a className="card-link" href={`/projects/${project.slug}`}>
            {project.title}
          </a>
        </Heading>
        {project.summary && <p>{project.summary}</p>}
      </div>
    </article>
  )
}

export function ProjectGrid({ headingLevel, projects }: Level & { projects: ProjectSummary[] }) {
  return (
    <ul className="card-grid">
      {projects.map((project) => (
        <li key={project.id}>
          <ProjectCard headingLevel={headingLevel} project={project} />
        </li>
      ))}
    </ul>
  )
}
