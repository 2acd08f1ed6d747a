/**
 * The public site's reads (src/app/(site)/data): visitors get published documents only, whatever
 * they ask for; preview reads use the signed-in user's own access; project notes never reach a page;
 * skill pages list exactly the published work that names the skill; and only users who may read
 * drafts can turn preview on.
 */
import type { Payload, TypedUser } from 'payload'

import type { Project, Skill } from '../../payload-types'

import { beforeAll, describe, expect, it } from 'vitest'

import { findBySlug, listPosts, listProjects } from '../../src/app/(site)/data/findPublished'
import { authorizePreview } from '../../src/app/(site)/data/previewAccess'
import { type ReadOptions, visitor } from '../../src/app/(site)/data/readOptions'
import { findSkillBySlug, findSkillUsage, groupSkillsByCategory, listSkills } from '../../src/app/(site)/data/skills'
import { skillCategories } from '../../src/collections/Skills'
import { seed } from '../../src/seed/seed'
import { password } from '../helpers/actors'
import { findBySlug as findAnyBySlug } from '../helpers/fixtures'
import { getTestPayload } from '../helpers/payload'

let payload: Payload
const users: Record<string, { headers: Headers; user: TypedUser }> = {}

const draftProject = 'harbourmaster'
const draftPost = 'notes-for-a-talk-i-have-not-announced'

async function signIn(name: string, roleNames: string[]) {
  const roles = await payload.find({
    collection: 'roles',
    depth: 0,
    overrideAccess: true,
    where: { name: { in: roleNames } },
  })
  const email = `${name}@site.example.com`
  await payload.create({
    collection: 'users',
    data: { email, name, password, roles: roles.docs.map((role) => role.id) },
    overrideAccess: true,
  })
  const { token, user } = await payload.login({ collection: 'users', data: { email, password } })
  users[name] = {
    headers: new Headers({ Authorization: `JWT ${token}` }),
    user: { ...user, collection: 'users' } as TypedUser,
  }
}

const previewAs = (name: string): ReadOptions => ({ preview: true, user: users[name].user })

beforeAll(async () => {
  payload = await getTestPayload()
  await seed(payload, { adminEmail: 'site-admin@example.com', adminPassword: password, quiet: true })
  for (const [name, roles] of Object.entries({
    author: ['author'],
    editor: ['editor'],
    inactive: ['editor'],
    nobody: [],
    viewer: ['viewer'],
  })) {
    await signIn(name, roles)
  }
  // Signed in while active, then switched off: the token still verifies, the permissions are gone.
  await payload.update({
    collection: 'users',
    data: { active: false },
    id: users.inactive.user.id,
    overrideAccess: true,
  })
})

describe('lists', () => {
  it('hold published projects only, newest first, without internal notes', async () => {
    const projects = await listProjects(payload)
    expect(projects.length).toBe(5)
    expect(projects.every((project) => project._status === 'published')).toBe(true)
    expect(projects.map((project) => project.slug)).not.toContain(draftProject)
    const dates = projects.map((project) => project.publishedAt!)
    expect(dates).toEqual([...dates].sort().reverse())
    for (const project of projects) expect(project).not.toHaveProperty('internalNotes')
    expect(JSON.stringify(projects)).not.toContain('SALT MARSH')
    expect(typeof projects[0].coverImage).toBe('object')
  })

  it('pick featured projects', async () => {
    const featured = await listProjects(payload, { featured: true })
    expect(featured.length).toBeGreaterThan(0)
    expect(featured.every((project) => project.featured)).toBe(true)
  })

  it('hold published posts only, with just what a list shows', async () => {
    const posts = await listPosts(payload, { limit: 3 })
    expect(posts.length).toBe(3)
    expect(posts.map((post) => post.slug)).not.toContain(draftPost)
    expect(Object.keys(posts[0]).sort()).toEqual(['excerpt', 'id', 'publishedAt', 'slug', 'title'])
    const all = await listPosts(payload)
    expect(all.length).toBe(5)
    expect(JSON.stringify(all)).not.toContain('PURPLE OTTER')
  })
})

describe('findBySlug as a visitor', () => {
  it('finds a published project with its image and skills, never its notes', async () => {
    const project = await findBySlug(payload, 'projects', 'tidewater')
    expect(project?.title).toBe('Tidewater')
    expect(project).not.toHaveProperty('internalNotes')
    expect((project!.coverImage as { sizes?: { og?: { url?: string } } }).sizes?.og?.url).toMatch(/1200x630/)
    expect((project!.skills as Skill[]).map((skill) => skill.name)).toContain('PostgreSQL')
  })

  it('does not find drafts, even when asked for preview without a user', async () => {
    expect(await findBySlug(payload, 'projects', draftProject)).toBeNull()
    expect(await findBySlug(payload, 'blog-posts', draftPost)).toBeNull()
    expect(await findBySlug(payload, 'projects', draftProject, { preview: true, user: null })).toBeNull()
    expect(await findBySlug(payload, 'projects', 'no-such-project')).toBeNull()
  })

  it('shows the published version while a newer draft waits', async () => {
    const live = await findAnyBySlug(payload, 'projects', 'ledgerline')
    await payload.update({
      collection: 'projects',
      data: { title: 'Ledgerline (draft rewrite)' },
      draft: true,
      id: live.id,
      overrideAccess: true,
    })
    expect((await findBySlug(payload, 'projects', 'ledgerline'))?.title).toBe('Ledgerline')
    expect((await listProjects(payload)).map((project) => project.title)).not.toContain('Ledgerline (draft rewrite)')
    expect((await findBySlug(payload, 'projects', 'ledgerline', previewAs('editor')))?.title).toBe(
      'Ledgerline (draft rewrite)',
    )
  })

  it('does not find a trashed post, nor list it', async () => {
    const post = await findAnyBySlug(payload, 'blog-posts', 'why-i-keep-a-decision-log')
    await payload.update({
      collection: 'blog-posts',
      data: { deletedAt: new Date().toISOString() },
      id: post.id,
      overrideAccess: true,
    })
    try {
      expect(await findBySlug(payload, 'blog-posts', 'why-i-keep-a-decision-log')).toBeNull()
      expect((await listPosts(payload)).map((item) => item.slug)).not.toContain('why-i-keep-a-decision-log')
    } finally {
      await payload.update({
        collection: 'blog-posts',
        data: { deletedAt: null },
        id: post.id,
        overrideAccess: true,
        trash: true,
      })
    }
    expect(await findBySlug(payload, 'blog-posts', 'why-i-keep-a-decision-log')).not.toBeNull()
  })

  it('leaves the author as an id: visitors may not read users', async () => {
    const post = await findBySlug(payload, 'blog-posts', 'designing-idempotent-webhooks')
    expect(typeof post?.author).toBe('number')
  })
})

describe('findBySlug in preview', () => {
  it('shows drafts to users who may read them, still without project notes', async () => {
    for (const name of ['editor', 'viewer']) {
      const project = await findBySlug(payload, 'projects', draftProject, previewAs(name))
      expect(project?._status, name).toBe('draft')
      expect(project).not.toHaveProperty('internalNotes')
      expect((await findBySlug(payload, 'blog-posts', draftPost, previewAs(name)))?.title).toBe(
        'Notes for a talk I have not announced',
      )
    }
  })

  it('keeps an author to their own drafts, and a user without roles to published ones', async () => {
    expect(await findBySlug(payload, 'projects', draftProject, previewAs('author'))).toBeNull()
    expect(await findBySlug(payload, 'blog-posts', draftPost, previewAs('nobody'))).toBeNull()
    const own = await payload.create({
      collection: 'blog-posts',
      data: { _status: 'draft', title: 'An author draft for the site test' },
      draft: true,
      overrideAccess: false,
      user: users.author.user,
    })
    expect((await findBySlug(payload, 'blog-posts', own.slug!, previewAs('author')))?.id).toBe(own.id)
    expect(await findBySlug(payload, 'blog-posts', own.slug!, visitor)).toBeNull()
  })
})

describe('skills', () => {
  it('are grouped in the order of the categories', async () => {
    const groups = groupSkillsByCategory(await listSkills(payload))
    expect(groups.reduce((sum, group) => sum + group.skills.length, 0)).toBe(10)
    const order = groups.map((group) => skillCategories.indexOf(group.category))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    for (const group of groups) expect(group.skills.every((skill) => skill.category === group.category)).toBe(true)
  })

  it('list the published projects and posts that use them, and nothing else', async () => {
    const skill = (await findSkillBySlug(payload, 'postgresql'))!
    expect(skill.name).toBe('PostgreSQL')
    const usage = await findSkillUsage(payload, skill.id)

    const published = await payload.find({
      collection: 'projects',
      depth: 0,
      overrideAccess: true,
      pagination: false,
      where: { _status: { equals: 'published' } },
    })
    const expected = published.docs
      .filter((project) => (project.skills as number[]).includes(skill.id))
      .map((project) => project.slug)
    expect(usage.projects.map((project) => project.slug).sort()).toEqual(expected.sort())
    expect(expected.length).toBeGreaterThan(0)
    expect(usage.projects.map((project) => project.slug)).not.toContain(draftProject)
    for (const project of usage.projects as Project[]) {
      expect((project.skills as Skill[]).map((item) => item.id)).toContain(skill.id)
      expect(project).not.toHaveProperty('internalNotes')
    }
    expect(usage.posts.length).toBeGreaterThan(0)
    expect(usage.posts.map((post) => post.slug)).not.toContain(draftPost)

    const writing = (await findSkillBySlug(payload, 'technical-writing'))!
    const other = await findSkillUsage(payload, writing.id)
    expect(other.projects.map((project) => project.slug)).not.toContain('tidewater')
    expect(await findSkillBySlug(payload, 'no-such-skill')).toBeNull()
  })
})

describe('authorizePreview', () => {
  it('refuses visitors with 401', async () => {
    expect(await authorizePreview(payload, new Headers(), 'projects')).toMatchObject({ ok: false, status: 401 })
    expect(
      await authorizePreview(payload, new Headers({ Authorization: 'JWT not-a-token' }), 'projects'),
    ).toMatchObject({ ok: false, status: 401 })
  })

  it('refuses signed-in users who may not read drafts with 403', async () => {
    for (const name of ['nobody', 'inactive']) {
      expect(await authorizePreview(payload, users[name].headers, 'blog-posts'), name).toMatchObject({
        ok: false,
        status: 403,
      })
    }
  })

  it('admits users who may read drafts, an own grant included', async () => {
    for (const name of ['editor', 'viewer', 'author']) {
      const decision = await authorizePreview(payload, users[name].headers, 'projects')
      expect(decision.ok, name).toBe(true)
      expect(decision.ok && decision.user.id).toBe(users[name].user.id)
    }
  })
})
