/**
 * The rules behind the permission matrix: ownership for authors, publishing, who sees which users
 * and roles, privilege escalation, deactivated accounts, API keys, lockout and admin-panel access.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Actors, password, setupActors } from '../helpers/actors'
import { type ApiServer, startApiServer } from '../helpers/apiServer'
import { type ApiClient, apiClient } from '../helpers/client'
import { findBySlug, unique } from '../helpers/fixtures'
import { getTestPayload } from '../helpers/payload'

let server: ApiServer
let api: ApiClient
let payload: Payload
let actors: Actors

beforeAll(async () => {
  payload = await getTestPayload()
  server = await startApiServer()
  api = apiClient(server.url)
  actors = await setupActors(payload, api)
})
afterAll(async () => server?.close())

describe('authors', () => {
  it('own what they create, whatever owner they send', async () => {
    const res = await api.post('/api/projects', { owner: actors.editor.id, title: unique('Author project') }, { as: actors.author.credential })
    expect(res.status).toBe(201)
    const stored = await payload.findByID({ collection: 'projects', depth: 0, id: res.body.doc.id, overrideAccess: true })
    expect(stored.owner).toBe(actors.author.id)
    expect(stored._status).toBe('draft')
  })

  it('edit their own drafts but cannot publish them, through REST or GraphQL', async () => {
    const created = await api.post('/api/blog-posts', { title: unique('Author post') }, { as: actors.author.credential })
    const id = created.body.doc.id
    expect((await api.patch(`/api/blog-posts/${id}?draft=true`, { excerpt: 'edited' }, { as: actors.author.credential })).status).toBe(200)

    const rest = await api.patch(`/api/blog-posts/${id}`, { _status: 'published' }, { as: actors.author.credential })
    expect(rest.status).toBe(403)
    const gql = await api.graphql(`mutation { updateBlogPost(id: ${id}, data: { _status: published }) { id } }`, {}, actors.author.credential)
    expect(gql.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    const create = await api.post('/api/blog-posts', { _status: 'published', title: unique('Sneaky') }, { as: actors.author.credential })
    expect(create.status).toBe(403)

    const stored = await payload.findByID({ collection: 'blog-posts', depth: 0, draft: true, id, overrideAccess: true })
    expect(stored._status).toBe('draft')
    expect(stored.excerpt).toBe('edited')
    expect(stored.publishedAt ?? null).toBeNull()
  })

  it('may draft changes to their published work but not unpublish it', async () => {
    const created = await api.post('/api/projects', { title: unique('Reviewed project') }, { as: actors.author.credential })
    const id = created.body.doc.id
    const published = await api.patch(`/api/projects/${id}`, { _status: 'published' }, { as: actors.editor.credential })
    expect(published.status).toBe(200)

    const draft = await api.patch(`/api/projects/${id}?draft=true`, { summary: 'next version' }, { as: actors.author.credential })
    expect(draft.status).toBe(200)
    const unpublish = await api.patch(`/api/projects/${id}`, { _status: 'draft' }, { as: actors.author.credential })
    expect(unpublish.status).toBe(403)

    const live = await payload.findByID({ collection: 'projects', depth: 0, id, overrideAccess: true })
    expect(live._status).toBe('published')
    expect(live.summary).toBeNull()
  })

  it('cannot hand their documents to someone else', async () => {
    const created = await api.post('/api/projects', { title: unique('Keep me') }, { as: actors.author.credential })
    await api.patch(`/api/projects/${created.body.doc.id}?draft=true`, { owner: actors.otherAuthor.id }, { as: actors.author.credential })
    const stored = await payload.findByID({ collection: 'projects', depth: 0, draft: true, id: created.body.doc.id, overrideAccess: true })
    expect(stored.owner).toBe(actors.author.id)
  })

  it("see their own drafts and published work, never another author's drafts", async () => {
    const mine = (await api.post('/api/blog-posts', { title: unique('Mine') }, { as: actors.author.credential })).body.doc.id
    const theirs = (await api.post('/api/blog-posts', { title: unique('Theirs') }, { as: actors.otherAuthor.credential })).body.doc.id

    const list = await api.get('/api/blog-posts?limit=200&depth=0&draft=true', { as: actors.author.credential })
    const ids = list.body.docs.map((doc: { id: number }) => doc.id)
    expect(ids).toContain(mine)
    expect(ids).not.toContain(theirs)
    expect(list.body.docs.some((doc: { _status: string }) => doc._status === 'published')).toBe(true)
    expect((await api.get(`/api/blog-posts/${theirs}?draft=true`, { as: actors.author.credential })).status).toBe(404)

    const versions = await api.get('/api/blog-posts/versions?limit=200&depth=0', { as: actors.author.credential })
    expect(versions.status).toBe(200)
    const parents = new Set(versions.body.docs.map((doc: { parent: number }) => doc.parent))
    expect(parents.has(mine)).toBe(true)
    expect(parents.has(theirs)).toBe(false)
    expect(versions.body.docs.every((doc: { version: { author: number } }) => doc.version.author === actors.author.id)).toBe(true)
  })
})

describe('editors', () => {
  it('publish and unpublish, stamping publishedAt on the first publish only', async () => {
    const created = await api.post('/api/projects', { title: unique('Editor project') }, { as: actors.editor.credential })
    const id = created.body.doc.id
    expect(created.body.doc.publishedAt ?? null).toBeNull()

    const first = await api.patch(`/api/projects/${id}`, { _status: 'published' }, { as: actors.editor.credential })
    expect(first.status).toBe(200)
    const stamped = first.body.doc.publishedAt
    expect(Date.parse(stamped)).toBeGreaterThan(Date.now() - 60_000)

    expect((await api.patch(`/api/projects/${id}`, { _status: 'draft' }, { as: actors.editor.credential })).status).toBe(200)
    expect((await api.get(`/api/projects/${id}`)).status).toBe(404)
    const again = await api.patch(`/api/projects/${id}`, { _status: 'published' }, { as: actors.editor.credential })
    expect(again.body.doc.publishedAt).toBe(stamped)
    expect((await api.get(`/api/projects/${id}`)).status).toBe(200)
  })
})

describe('users and roles', () => {
  it('non-admins read only their own account; visitors never see an email', async () => {
    for (const actor of [actors.viewer, actors.author, actors.editor]) {
      const res = await api.get('/api/users?limit=100', { as: actor.credential })
      expect(res.status).toBe(200)
      expect(res.body.docs.map((doc: { email: string }) => doc.email)).toEqual([actor.email])
      const gql = await api.graphql('{ Users(limit: 100) { docs { email } } }', {}, actor.credential)
      expect(gql.body.data.Users.docs).toEqual([{ email: actor.email }])
    }
    const admin = await api.get('/api/users?limit=100', { as: actors.admin.credential })
    expect(admin.body.totalDocs).toBeGreaterThanOrEqual(6)

    const post = await findBySlug(payload, 'blog-posts', 'writing-tests-that-can-fail')
    const publicViews = [
      await api.get(`/api/blog-posts/${post.id}?depth=3`),
      await api.get('/api/blog-posts?depth=3&limit=100'),
      await api.get('/api/projects?depth=3&limit=100'),
      await api.graphql('{ BlogPosts(limit: 100) { docs { author { email name } } } Projects { docs { owner { email } } } }'),
    ]
    for (const view of publicViews) {
      expect(JSON.stringify(view.body)).not.toMatch(/@example\.com/)
    }
  })

  it('non-admins read only the roles they hold', async () => {
    const res = await api.get('/api/roles?limit=100', { as: actors.author.credential })
    expect(res.body.docs.map((role: { name: string }) => role.name)).toEqual(['author'])
  })

  it('no one but an admin can change roles or the active flag, their own included', async () => {
    const adminRole = (await payload.find({ collection: 'roles', overrideAccess: true, where: { name: { equals: 'admin' } } })).docs[0]
    for (const actor of [actors.editor, actors.author, actors.viewer]) {
      await api.patch(`/api/users/${actor.id}`, { active: false, name: `${actor.name} renamed`, roles: [adminRole.id] }, { as: actor.credential })
      const stored = await payload.findByID({ collection: 'users', depth: 0, id: actor.id!, overrideAccess: true })
      expect(stored.roles).not.toContain(adminRole.id)
      expect(stored.active).toBe(true)
      expect(stored.name).toBe(`${actor.name} renamed`) // the fields they may edit still save
    }
  })

  it('a deactivated user cannot sign in, and their session stops granting anything', async () => {
    const email = `${unique('leaver').replace(/\W+/g, '-')}@example.com`
    const editorRole = (await payload.find({ collection: 'roles', overrideAccess: true, where: { name: { equals: 'editor' } } })).docs[0]
    const user = await payload.create({ collection: 'users', data: { email, name: 'Leaver', password, roles: [editorRole.id] }, overrideAccess: true })
    const token = (await api.post('/api/users/login', { email, password })).body.token
    expect((await api.post('/api/skills', { category: 'tool', name: unique('Before') }, { as: { token } })).status).toBe(201)

    const deactivate = await api.patch(`/api/users/${user.id}`, { active: false }, { as: actors.admin.credential })
    expect(deactivate.status).toBe(200)
    const login = await api.post('/api/users/login', { email, password })
    expect(login.status).toBe(403)
    expect(login.body.errors[0].message).toMatch(/deactivated/)
    expect((await api.post('/api/skills', { category: 'tool', name: unique('After') }, { as: { token } })).status).toBe(403)
  })

  it('an API key carries exactly the permissions of its user', async () => {
    const apiKey = `key-${unique('editor').replace(/\W+/g, '')}`
    const enabled = await api.patch(`/api/users/${actors.editor.id}`, { apiKey, enableAPIKey: true }, { as: actors.admin.credential })
    expect(enabled.status).toBe(200)
    const as = { apiKey }

    expect((await api.post('/api/skills', { category: 'tool', name: unique('Via key') }, { as })).status).toBe(201)
    expect((await api.graphql('{ BlogPosts(draft: true, where: { _status: { equals: draft } }) { docs { title } } }', {}, as)).body.data.BlogPosts.docs.length).toBeGreaterThan(0)
    expect((await api.get('/api/audit-logs', { as })).status).toBe(403)
    expect((await api.post('/api/roles', { name: unique('role') }, { as })).status).toBe(403)
    expect((await api.get('/api/skills', { as: { apiKey: 'not-a-real-key' } })).status).toBe(200) // falls back to anonymous
    expect((await api.post('/api/skills', { category: 'tool', name: unique('Bad key') }, { as: { apiKey: 'not-a-real-key' } })).status).toBe(403)
  })

  it('locks an account after five failed sign-ins, until an admin unlocks it', async () => {
    const email = `${unique('forgetful').replace(/\W+/g, '-')}@example.com`
    await payload.create({ collection: 'users', data: { email, name: 'Forgetful', password }, overrideAccess: true })
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await api.post('/api/users/login', { email, password: 'wrong password' })).status).toBe(401)
    }
    const locked = await api.post('/api/users/login', { email, password })
    expect(locked.status).toBe(401)
    expect(locked.body.errors[0].message).toMatch(/locked/i)

    expect((await api.post('/api/users/unlock', { email }, { as: actors.editor.credential })).status).toBe(403)
    expect((await api.post('/api/users/unlock', { email }, { as: actors.admin.credential })).status).toBe(200)
    expect((await api.post('/api/users/login', { email, password })).status).toBe(200)
  })

  it('opens the admin panel to users with a role, not to visitors or bare accounts', async () => {
    expect((await api.get('/api/access')).body.canAccessAdmin).not.toBe(true)
    expect((await api.get('/api/access', { as: actors.viewer.credential })).body.canAccessAdmin).toBe(true)
    const email = `${unique('bare').replace(/\W+/g, '-')}@example.com`
    await payload.create({ collection: 'users', data: { email, name: 'No roles', password }, overrideAccess: true })
    const login = await api.post('/api/users/login', { email, password })
    expect(login.status).toBe(200)
    // Payload leaves false answers out of /api/access, so "not true" is the refusal.
    expect((await api.get('/api/access', { as: { token: login.body.token } })).body.canAccessAdmin).not.toBe(true)
  })
})
