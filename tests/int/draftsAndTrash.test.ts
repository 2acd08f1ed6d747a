/**
 * Anonymous visitors never see drafts, unpublished versions or trashed documents, through any door
 * REST or GraphQL offers: lists, lookups by id, `draft=true`, `where` on `_status`, `trash=true` and
 * the versions endpoints.
 */
import { describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { findBySlug } from '../helpers/fixtures'

// Words that appear only in the seeded drafts.
const draftSecrets = ['BLUE HERON', 'PURPLE OTTER', 'Harbourmaster', 'Notes for a talk']

const test = useApiTest()

const expectNoSecrets = (body: unknown, secrets = draftSecrets) => {
  const text = JSON.stringify(body)
  for (const secret of secrets) expect(text).not.toContain(secret)
}

describe('seeded drafts', () => {
  it('exist, so the checks below are meaningful', async () => {
    const project = await findBySlug(test.payload, 'projects', 'harbourmaster')
    const post = await findBySlug(test.payload, 'blog-posts', 'notes-for-a-talk-i-have-not-announced')
    expect(project._status).toBe('draft')
    expect(post._status).toBe('draft')
    const asEditor = await test.api.get('/api/blog-posts?depth=0&limit=100&draft=true', {
      as: test.actors.editor.credential,
    })
    expect(JSON.stringify(asEditor.body)).toContain('PURPLE OTTER')
  })

  it.each([
    '/api/projects?limit=100',
    '/api/projects?limit=100&draft=true',
    '/api/projects?where[_status][equals]=draft',
    '/api/projects?where[slug][equals]=harbourmaster&draft=true',
    '/api/blog-posts?limit=100&depth=2',
    '/api/blog-posts?limit=100&draft=true',
    '/api/blog-posts?where[_status][not_equals]=published&draft=true',
    '/api/skills?limit=100&depth=2',
  ])('stay out of anonymous REST lists: %s', async (path) => {
    const res = await test.api.get(path)
    expect(res.status).toBe(200)
    expect(
      res.body.docs.every((doc: { _status?: string }) => doc._status === undefined || doc._status === 'published'),
    ).toBe(true)
    expectNoSecrets(res.body)
  })

  it('are not found by id, with or without draft=true', async () => {
    const project = await findBySlug(test.payload, 'projects', 'harbourmaster')
    const post = await findBySlug(test.payload, 'blog-posts', 'notes-for-a-talk-i-have-not-announced')
    for (const path of [
      `/api/projects/${project.id}`,
      `/api/projects/${project.id}?draft=true`,
      `/api/blog-posts/${post.id}`,
      `/api/blog-posts/${post.id}?draft=true`,
    ]) {
      const res = await test.api.get(path)
      expect(res.status, path).toBe(404)
      expectNoSecrets(res.body)
    }
  })

  it('stay out of anonymous GraphQL', async () => {
    const project = await findBySlug(test.payload, 'projects', 'harbourmaster')
    const res = await test.api.graphql(`{
      Projects(draft: true, limit: 100) { docs { title summary description } }
      BlogPosts(draft: true, limit: 100, where: { _status: { equals: draft } }) { docs { title content } }
      Project(id: ${project.id}, draft: true) { title }
    }`)
    expect(res.body.data.Projects.docs.length).toBeGreaterThan(0)
    expect(res.body.data.BlogPosts.docs).toEqual([])
    expect(res.body.data.Project).toBeNull()
    expectNoSecrets(res.body.data)
  })

  it('keep their versions closed to visitors', async () => {
    for (const path of ['/api/projects/versions', '/api/blog-posts/versions?limit=100']) {
      const res = await test.api.get(path)
      expect(res.status, path).toBe(403)
      expectNoSecrets(res.body)
    }
    const gql = await test.api.graphql('{ versionsBlogPosts(limit: 100) { docs { version { title } } } }')
    expect(gql.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    expectNoSecrets(gql.body.data)
  })
})

describe('a draft saved over a published document', () => {
  it('leaves visitors on the published version, everywhere', async () => {
    const post = await findBySlug(test.payload, 'blog-posts', 'designing-idempotent-webhooks')
    const secret = 'UNRELEASED RETRY POLICY'
    const saved = await test.api.patch(
      `/api/blog-posts/${post.id}?draft=true`,
      { excerpt: `Draft: ${secret}` },
      { as: test.actors.editor.credential },
    )
    expect(saved.status).toBe(200)

    const editorView = await test.api.get(`/api/blog-posts/${post.id}?draft=true`, {
      as: test.actors.editor.credential,
    })
    expect(editorView.body.excerpt).toContain(secret)

    for (const path of [
      `/api/blog-posts/${post.id}`,
      `/api/blog-posts/${post.id}?draft=true`,
      '/api/blog-posts?draft=true&limit=100',
    ]) {
      const res = await test.api.get(path)
      expect(res.status, path).toBe(200)
      expectNoSecrets(res.body, [secret])
    }
    const visitor = await test.api.get(`/api/blog-posts/${post.id}?draft=true`)
    expect(visitor.body.excerpt).toBe(post.excerpt)
    const gql = await test.api.graphql(`{ BlogPost(id: ${post.id}, draft: true) { excerpt } }`)
    expect(gql.body.data.BlogPost.excerpt).toBe(post.excerpt)
  })
})

describe('trash', () => {
  it('hides a trashed document from visitors until an editor restores it', async () => {
    const post = await findBySlug(test.payload, 'blog-posts', 'why-i-keep-a-decision-log')
    const trashed = await test.api.patch(
      `/api/blog-posts/${post.id}`,
      { deletedAt: new Date().toISOString() },
      { as: test.actors.editor.credential },
    )
    expect(trashed.status).toBe(200)

    for (const path of [`/api/blog-posts/${post.id}`, `/api/blog-posts/${post.id}?trash=true`]) {
      expect((await test.api.get(path)).status, path).toBe(404)
    }
    for (const path of [
      '/api/blog-posts?limit=100',
      '/api/blog-posts?limit=100&trash=true',
      '/api/blog-posts?trash=true&where[deletedAt][exists]=true',
    ]) {
      const res = await test.api.get(path)
      expect(
        res.body.docs.map((doc: { id: number }) => doc.id),
        path,
      ).not.toContain(post.id)
    }
    const gql = await test.api.graphql('{ BlogPosts(trash: true, limit: 100) { docs { id } } }')
    expect(gql.body.data.BlogPosts.docs.map((doc: { id: number }) => doc.id)).not.toContain(post.id)

    // Editors still see it in the trash, and can bring it back.
    const inTrash = await test.api.get('/api/blog-posts?trash=true&where[deletedAt][exists]=true', {
      as: test.actors.editor.credential,
    })
    expect(inTrash.body.docs.map((doc: { id: number }) => doc.id)).toContain(post.id)
    const restored = await test.api.patch(
      `/api/blog-posts/${post.id}?trash=true`,
      { deletedAt: null },
      { as: test.actors.editor.credential },
    )
    expect(restored.status).toBe(200)
    expect((await test.api.get(`/api/blog-posts/${post.id}`)).status).toBe(200)
  })
})
