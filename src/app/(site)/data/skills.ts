import type { Payload } from 'payload'

import type { Skill } from '../../../../payload-types'

import { skillCategories } from '../../../collections/Skills'
import { listPosts, listProjects, type PostSummary } from './findPublished'

export async function listSkills(payload: Payload): Promise<Skill[]> {
  const { docs } = await payload.find({
    collection: 'skills',
    depth: 0,
    overrideAccess: false,
    pagination: false,
    sort: 'name',
  })
  return docs
}

export async function findSkillBySlug(payload: Payload, slug: string): Promise<null | Skill> {
  const { docs } = await payload.find({
    collection: 'skills',
    depth: 0,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    where: { slug: { equals: slug } },
  })
  return docs[0] ?? null
}

/** Skills in the order of the category list, each group sorted as given; empty groups left out. */
export function groupSkillsByCategory(skills: Skill[]): { category: Skill['category']; skills: Skill[] }[] {
  return skillCategories
    .map((category) => ({ category, skills: skills.filter((skill) => skill.category === category) }))
    .filter((group) => group.skills.length > 0)
}

/** The published projects and blog posts that name the skill. */
export async function findSkillUsage(
  payload: Payload,
  skillId: number,
): Promise<{ posts: PostSummary[]; projects: Awaited<ReturnType<typeof listProjects>> }> {
  const [projects, posts] = await Promise.all([
    listProjects(payload, { skill: skillId }),
    listPosts(payload, { skill: skillId }),
  ])
  return { posts, projects }
}
