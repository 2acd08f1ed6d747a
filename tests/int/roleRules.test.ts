/**
 * The rules behind the permission matrix: ownership for authors, publishing, who sees which users
 * and roles, privilege escalation, deactivated accounts, API keys, lockout and admin-panel access.
 */
import { describe, expect, it } from 'vitest'

import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { findBySlug, unique } from '../helpers/fixtures'

const test = useApiTest()

describe('authors', () => {
  it('own what they create, whatever owner they send', async () => {
    const res = await test.api.post(
      '/api/projects',
      { owner: test.actors.editor.id, title: unique('Author project') },
      { as: test.actors.author.credential },
    )
    expect(res.status).toBe(201)
    const stored = await test.payload.findByID({
      collection: 'projects',
      depth: 0,
      id: res.body.doc.id,
      overrideAccess: true,
    })
    expect(stored.owner).toBe(test.actors.author.id)
    expect(stored._status).toBe('draft')
  })

  it('edit their own drafts but cannot publish them, through REST or GraphQL', async () => {
    const created = await test.api.post(
      '/api/blog-posts',
      { title: unique('Author post') },
      { as: test.actors.author.credential },
    )
    const id = created.body.doc.id
    expect(
      (
        await test.api.patch(
          `/api/blog-posts/${id}?draft=true`,
          { excerpt: 'edited' },
          { as: test.actors.author.credential },
        )
      ).status,
    ).toBe(200)

    const rest = await test.api.patch(
      `/api/blog-posts/${id}`,
      { _status: 'published' },
      { as: test.actors.author.credential },
    )
    expect(rest.status).toBe(403)
    const gql = await test.api.graphql(
      `mutation { updateBlogPost(id: ${id}, data: { _status: published }) { id } }`,
      {},
      test.actors.author.credential,
    )
    expect(gql.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    const create = await test.api.post(
      '/api/blog-posts',
      { _status: 'published', title: unique('Sneaky') },
      { as: test.actors.author.credential },
    )
    expect(create.status).toBe(403)

    const stored = await test.payload.findByID({
      collection: 'blog-posts',
      depth: 0,
      draft: true,
      id,
      overrideAccess: true,
    })
    expect(stored._status).toBe('draft')
    expect(stored.excerpt).toBe('edited')
    expect(stored.publishedAt ?? null).toBeNull()
  })

  it('may draft changes to their published work but not unpublish it', async () => {
    const created = await test.api.post(
      '/api/projects',
      { title: unique('Reviewed project') },
      { as: test.actors.author.credential },
    )
    const id = created.body.doc.id
    const published = await test.api.patch(
      `/api/projects/${id}`,
      { _status: 'published' },
      { as: test.actors.editor.credential },
    )
    expect(published.status).toBe(200)

    const draft = await test.api.patch(
      `/api/projects/${id}?draft=true`,
      { summary: 'next version' },
      { as: test.actors.author.credential },
    )
    expect(draft.status).toBe(200)
    const unpublish = await test.api.patch(
      `/api/projects/${id}`,
      { _status: 'draft' },
      { as: test.actors.author.credential },
    )
    expect(unpublish.status).toBe(403)

    const live = await test.payload.findByID({ collection: 'projects', depth: 0, id, overrideAccess: true })
    expect(live._status).toBe('published')
    expect(live.summary).toBeNull()
  })

  it('cannot hand their documents to someone else', async () => {
    const created = await test.api.post(
      '/api/projects',
      { title: unique('Keep me') },
      { as: test.actors.author.credential },
    )
    await test.api.patch(
      `/api/projects/${created.body.doc.id}?draft=true`,
      { owner: test.actors.otherAuthor.id },
      { as: test.actors.author.credential },
    )
    const stored = await test.payload.findByID({
      collection: 'projects',
      depth: 0,
      draft: true,
      id: created.body.doc.id,
      overrideAccess: true,
    })
    expect(stored.owner).toBe(test.actors.author.id)
  })

  it("see their own drafts and published work, never another author's drafts", async () => {
    const mine = (
      await test.api.post('/api/blog-posts', { title: unique('Mine') }, { as: test.actors.author.credential })
    ).body.doc.id
    const theirs = (
      await test.api.post('/api/blog-posts', { title: unique('Theirs') }, { as: test.actors.otherAuthor.credential })
    ).body.doc.id

    const list = await test.api.get('/api/blog-posts?limit=200&depth=0&draft=true', {
      as: test.actors.author.credential,
    })
    const ids = list.body.docs.map((doc: { id: number }) => doc.id)
    expect(ids).toContain(mine)
    expect(ids).not.toContain(theirs)
    expect(list.body.docs.some((doc: { _status: string }) => doc._status === 'published')).toBe(true)
    expect(
      (await test.api.get(`/api/blog-posts/${theirs}?draft=true`, { as: test.actors.author.credential })).status,
    ).toBe(404)

    const versions = await test.api.get('/api/blog-posts/versions?limit=200&depth=0', {
      as: test.actors.author.credential,
    })
    expect(versions.status).toBe(200)
    const parents = new Set(versions.body.docs.map((doc: { parent: number }) => doc.parent))
    expect(parents.has(mine)).toBe(true)
    expect(parents.has(theirs)).toBe(false)
    expect(
      versions.body.docs.every((doc: { version: { author: number } }) => doc.version.author === test.actors.author.id),
    ).toBe(true)
  })
})

describe('editors', () => {
  it('publish and unpublish, stamping publishedAt on the first publish only', async () => {
    const created = await test.api.post(
      '/api/projects',
      { title: unique('Editor project') },
      { as: test.actors.editor.credential },
    )
    const id = created.body.doc.id
    expect(created.body.doc.publishedAt ?? null).toBeNull()

    const first = await test.api.patch(
      `/api/projects/${id}`,
      { _status: 'published' },
      { as: test.actors.editor.credential },
    )
    expect(first.status).toBe(200)
    const stamped = first.body.doc.publishedAt
    expect(Date.parse(stamped)).toBeGreaterThan(Date.now() - 60_000)

    expect(
      (await test.api.patch(`/api/projects/${id}`, { _status: 'draft' }, { as: test.actors.editor.credential })).status,
    ).toBe(200)
    expect((await test.api.get(`/api/projects/${id}`)).status).toBe(404)
    const again = await test.api.patch(
      `/api/projects/${id}`,
      { _status: 'published' },
      { as: test.actors.editor.credential },
    )
    expect(again.body.doc.publishedAt).toBe(stamped)
    expect((await test.api.get(`/api/projects/${id}`)).status).toBe(200)
  })
})

describe('users and roles', () => {
  it('non-admins read only their own account; visitors never see an email', async () => {
    for (const actor of [test.actors.viewer, test.actors.author, test.actors.editor]) {
      const res = await test.api.get('/api/users?limit=100', { as: actor.credential })
      expect(res.status).toBe(200)
      expect(res.body.docs.map((doc: { email: string }) => doc.email)).toEqual([actor.email])
      const gql = await test.api.graphql('{ Users(limit: 100) { docs { email } } }', {}, actor.credential)
      expect(gql.body.data.Users.docs).toEqual([{ email: actor.email }])
    }
    const admin = await test.api.get('/api/users?limit=100', { as: test.actors.admin.credential })
    expect(admin.body.totalDocs).toBeGreaterThanOrEqual(6)

    const post = await findBySlug(test.payload, 'blog-posts', 'writing-tests-that-can-fail')
    const publicViews = [
      await test.api.get(`/api/blog-posts/${post.id}?depth=3`),
      await test.api.get('/api/blog-posts?depth=3&limit=100'),
      await test.api.get('/api/projects?depth=3&limit=100'),
      await test.api.graphql(
        '{ BlogPosts(limit: 100) { docs { author { email name } } } Projects { docs { owner { email } } } }',
      ),
    ]
    for (const view of publicViews) {
      expect(JSON.stringify(view.body)).not.toMatch(/@example\.com/)
    }
  })

  it('non-admins read only the roles they hold', async () => {
    const res = await test.api.get('/api/roles?limit=100', { as: test.actors.author.credential })
    expect(res.body.docs.map((role: { name: string }) => role.name)).toEqual(['author'])
  })

  it('no one but an admin can change roles or the active flag, their own included', async () => {
    const adminRole = (
      await test.payload.find({ collection: 'roles', overrideAccess: true, where: { name: { equals: 'admin' } } })
    ).docs[0]
    for (const actor of [test.actors.editor, test.actors.author, test.actors.viewer]) {
      await test.api.patch(
        `/api/users/${actor.id}`,
        { active: false, name: `${actor.name} renamed`, roles: [adminRole.id] },
        { as: actor.credential },
      )
      const stored = await test.payload.findByID({ collection: 'users', depth: 0, id: actor.id!, overrideAccess: true })
      expect(stored.roles).not.toContain(adminRole.id)
      expect(stored.active).toBe(true)
      expect(stored.name).toBe(`${actor.name} renamed`) // the fields they may edit still save
    }
  })

  it('a deactivated user cannot sign in, and their session stops granting anything', async () => {
    const email = `${unique('leaver').replace(/\W+/g, '-')}@example.com`
    const editorRole = (
      await test.payload.find({ collection: 'roles', overrideAccess: true, where: { name: { equals: 'editor' } } })
    ).docs[0]
    const user = await test.payload.create({
      collection: 'users',
      data: { email, name: 'Leaver', password, roles: [editorRole.id] },
      overrideAccess: true,
    })
    const token = (await test.api.post('/api/users/login', { email, password })).body.token
    expect(
      (await test.api.post('/api/skills', { category: 'tool', name: unique('Before') }, { as: { token } })).status,
    ).toBe(201)

    const deactivate = await test.api.patch(
      `/api/users/${user.id}`,
      { active: false },
      { as: test.actors.admin.credential },
    )
    expect(deactivate.status).toBe(200)
    const login = await test.api.post('/api/users/login', { email, password })
    expect(login.status).toBe(403)
    expect(login.body.errors[0].message).toMatch(/deactivated/)
    expect(
      (await test.api.post('/api/skills', { category: 'tool', name: unique('After') }, { as: { token } })).status,
    ).toBe(403)
  })

  it('an API key carries exactly the permissions of its user', async () => {
    const apiKey = `key-${unique('editor').replace(/\W+/g, '')}`
    const enabled = await test.api.patch(
      `/api/users/${test.actors.editor.id}`,
      { apiKey, enableAPIKey: true },
      { as: test.actors.admin.credential },
    )
    expect(enabled.status).toBe(200)
    const as = { apiKey }

    expect((await test.api.post('/api/skills', { category: 'tool', name: unique('Via key') }, { as })).status).toBe(201)
    expect(
      (
        await test.api.graphql(
          '{ BlogPosts(draft: true, where: { _status: { equals: draft } }) { docs { title } } }',
          {},
          as,
        )
      ).body.data.BlogPosts.docs.length,
    ).toBeGreaterThan(0)
    expect((await test.api.get('/api/audit-logs', { as })).status).toBe(403)
    expect((await test.api.post('/api/roles', { name: unique('role') }, { as })).status).toBe(403)
    expect((await test.api.get('/api/skills', { as: { apiKey: 'not-a-real-key' } })).status).toBe(200) // falls back to anonymous
    expect(
      (
        await test.api.post(
          '/api/skills',
          { category: 'tool', name: unique('Bad key') },
          { as: { apiKey: 'not-a-real-key' } },
        )
      ).status,
    ).toBe(403)
  })

  it('locks no account after failed sign-ins (they are rate limited instead), so nobody can lock one out', async () => {
    const email = `${unique('forgetful').replace(/\W+/g, '-')}@example.com`
    await test.payload.create({
      collection: 'users',
      data: { email, name: 'Forgetful', password },
      overrideAccess: true,
    })
    for (let attempt = 0; attempt < 6; attempt++) {
      const wrong = await test.api.post('/api/users/login', { email, password: 'wrong password' })
      expect(wrong.status).toBe(401)
      expect(wrong.body.errors[0].message).not.toMatch(/locked/i)
    }
    expect((await test.api.post('/api/users/login', { email, password })).status).toBe(200)
  })

  it('opens the admin panel to users with a role, not to visitors or bare accounts', async () => {
    expect((await test.api.get('/api/access')).body.canAccessAdmin).not.toBe(true)
    expect((await test.api.get('/api/access', { as: test.actors.viewer.credential })).body.canAccessAdmin).toBe(true)
    const email = `${unique('bare').replace(/\W+/g, '-')}@example.com`
    await test.payload.create({
      collection: 'users',
      data: { email, name: 'No roles', password },
      overrideAccess: true,
    })
    const login = await test.api.post('/api/users/login', { email, password })
    expect(login.status).toBe(200)
    // Payload leaves false answers out of /api/access, so "not true" is the refusal.
    expect((await test.api.get('/api/access', { as: { token: login.body.token } })).body.canAccessAdmin).not.toBe(true)
  })
})
