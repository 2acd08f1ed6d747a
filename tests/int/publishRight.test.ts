import type { Actor } from '../helpers/actors'

/**
 * Any write that changes what visitors see is publishing: editing a published document in place,
 * trashing or un-trashing a published document, and restoring a version over it all need the
 * `publish` grant. Without it, a user saves a draft, and visitors and the search index keep the old text.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { auditEntries } from '../helpers/auditEntries'
import { unique } from '../helpers/fixtures'
import { chunkRows, runIndexingJobs } from '../helpers/indexingJobs'

const test = useApiTest()
beforeAll(async () => runIndexingJobs(test.payload))

type Kind = { collection: 'blog-posts' | 'projects'; field: 'excerpt' | 'summary'; type: 'BlogPost' | 'Project' }
const kinds: Kind[] = [
  { collection: 'projects', field: 'summary', type: 'Project' },
  { collection: 'blog-posts', field: 'excerpt', type: 'BlogPost' },
]

/** A document `owner` wrote and an editor published, with `text` in its summary or excerpt, indexed. */
async function publishedBy(owner: Actor, { collection, field }: Kind, text: string): Promise<number> {
  const created = await test.api.post(
    `/api/${collection}`,
    { [field]: text, title: unique('Reviewed') },
    { as: owner.credential },
  )
  expect(created.status).toBe(201)
  const id = created.body.doc.id as number
  expect(
    (await test.api.patch(`/api/${collection}/${id}`, { _status: 'published' }, { as: test.actors.editor.credential }))
      .status,
  ).toBe(200)
  await runIndexingJobs(test.payload)
  return id
}

/** What visitors, the stored document and the search index hold for the field. */
async function liveText({ collection, field }: Kind, id: number) {
  await runIndexingJobs(test.payload)
  const visitor = await test.api.get(`/api/${collection}/${id}`)
  const stored = await test.payload.findByID({ collection, depth: 0, id, overrideAccess: true, trash: true })
  const indexed = (await chunkRows(test.payload, { id, slug: collection })).map((row) => row.text).join('\n')
  return {
    indexed,
    status: stored._status,
    stored: stored[field as keyof typeof stored],
    visitor: visitor.body?.[field] ?? null,
  }
}

const auditActions = async (collection: string, id: number): Promise<string[]> =>
  (await auditEntries(test.payload, collection, id)).map((entry) => entry.action)

const versionsOf = async (collection: string, id: number) =>
  (
    await test.api.get(`/api/${collection}/versions?where[parent][equals]=${id}&sort=createdAt&limit=50&depth=0`, {
      as: test.actors.editor.credential,
    })
  ).body.docs as { id: number | string; version: { _status: string } }[]

/** Signs in a new user holding one new role with these grants. */
async function actorWithRole(
  permissions: { actions: string[]; resource: string; scope: 'all' | 'own' }[],
): Promise<Actor> {
  const role = await test.payload.create({
    collection: 'roles',
    data: { name: unique('role'), permissions } as never,
    overrideAccess: true,
  })
  const email = `${unique('custom').replace(/\W+/g, '-')}@example.com`
  const user = await test.payload.create({
    collection: 'users',
    data: { email, name: 'Custom', password, roles: [role.id] },
    overrideAccess: true,
  })
  const login = await test.api.post('/api/users/login', { email, password })
  return { credential: { token: login.body.token }, email, id: user.id, name: 'author' }
}

describe.each(kinds)('an author without the publish grant, on a published $collection', (kind) => {
  const { collection, field, type } = kind

  it('cannot change it in place over REST; a draft save works and visitors keep the old text', async () => {
    const old = unique('Live words')
    const id = await publishedBy(test.actors.author, kind, old)
    expect((await liveText(kind, id)).indexed).toContain(old)

    const secret = unique('UNREVIEWED CLAIM')
    const live = await test.api.patch(
      `/api/${collection}/${id}`,
      { [field]: secret },
      { as: test.actors.author.credential },
    )
    expect(live.status).toBe(403)
    expect(live.body.errors[0].message).toMatch(/right to publish.*draft/i)
    const other = await test.api.patch(
      `/api/${collection}/${id}`,
      { [field]: secret },
      { as: test.actors.otherAuthor.credential },
    )
    expect(other.status).not.toBe(200)

    const draft = await test.api.patch(
      `/api/${collection}/${id}?draft=true`,
      { [field]: secret },
      { as: test.actors.author.credential },
    )
    expect(draft.status).toBe(200)
    const after = await liveText(kind, id)
    expect(after).toMatchObject({ status: 'published', stored: old, visitor: old })
    expect(after.indexed).toContain(old)
    expect(after.indexed).not.toContain(secret)
    const mine = await test.api.get(`/api/${collection}/${id}?draft=true`, { as: test.actors.author.credential })
    expect(mine.body[field]).toBe(secret)
  })

  it('cannot change it in place over GraphQL, but may save a draft', async () => {
    const old = unique('Live words')
    const id = await publishedBy(test.actors.author, kind, old)
    const secret = unique('UNREVIEWED CLAIM')
    const live = await test.api.graphql(
      `mutation { update${type}(id: ${id}, data: { ${field}: "${secret}" }) { id } }`,
      {},
      test.actors.author.credential,
    )
    expect(live.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect(live.body.errors[0].message).toMatch(/draft/i)
    const draft = await test.api.graphql(
      `mutation { update${type}(id: ${id}, draft: true, data: { ${field}: "${secret}" }) { id } }`,
      {},
      test.actors.author.credential,
    )
    expect(draft.body.errors).toBeUndefined()

    const after = await liveText(kind, id)
    expect(after).toMatchObject({ status: 'published', stored: old, visitor: old })
    expect(after.indexed).not.toContain(secret)
  })

  it('cannot bring it back from the trash an editor put it in', async () => {
    const old = unique('Trashed words')
    const id = await publishedBy(test.actors.author, kind, old)
    expect(
      (
        await test.api.patch(
          `/api/${collection}/${id}`,
          { deletedAt: new Date().toISOString() },
          { as: test.actors.editor.credential },
        )
      ).status,
    ).toBe(200)

    const restore = await test.api.patch(
      `/api/${collection}/${id}?trash=true`,
      { deletedAt: null },
      { as: test.actors.author.credential },
    )
    expect(restore.status).toBe(403)
    expect(restore.body.errors[0].message).toMatch(/publish/)
    expect((await test.api.get(`/api/${collection}/${id}`)).status).toBe(404)
    const stored = await test.payload.findByID({ collection, depth: 0, id, overrideAccess: true, trash: true })
    expect(stored.deletedAt).toBeTruthy()
  })

  it('cannot restore a version over it, except as a draft', async () => {
    const old = unique('Published words')
    const id = await publishedBy(test.actors.author, kind, old)
    const [firstDraft] = (await versionsOf(collection, id)).filter((version) => version.version._status === 'draft')

    const live = await test.api.post(
      `/api/${collection}/versions/${firstDraft.id}`,
      {},
      { as: test.actors.author.credential },
    )
    expect(live.status).toBe(403)
    expect((await liveText(kind, id)).status).toBe('published')
    expect((await test.api.get(`/api/${collection}/${id}`)).status).toBe(200)

    const asDraft = await test.api.post(
      `/api/${collection}/versions/${firstDraft.id}?draft=true`,
      {},
      { as: test.actors.author.credential },
    )
    expect(asDraft.status).toBe(200)
    expect(await liveText(kind, id)).toMatchObject({ status: 'published', visitor: old })
  })
})

describe('a role that may delete but not publish', () => {
  it('cannot trash or delete a published document, only drafts', async () => {
    const trasher = await actorWithRole([
      { actions: ['read', 'create', 'update', 'delete'], resource: 'projects', scope: 'all' },
    ])
    const id = await publishedBy(test.actors.author, kinds[0], unique('Keep me up'))
    const trash = await test.api.patch(
      `/api/projects/${id}`,
      { deletedAt: new Date().toISOString() },
      { as: trasher.credential },
    )
    expect(trash.status).toBe(403)
    expect((await test.api.get(`/api/projects/${id}`)).status).toBe(200)

    const remove = await test.api.delete(`/api/projects/${id}`, { as: trasher.credential })
    expect(remove.status).toBe(403)
    expect(remove.body.errors[0].message).toMatch(/right to publish/)
    expect((await test.api.get(`/api/projects/${id}`)).status).toBe(200)

    const draft = (await test.api.post('/api/projects', { title: unique('Scrap') }, { as: trasher.credential })).body
      .doc.id
    expect(
      (
        await test.api.patch(
          `/api/projects/${draft}`,
          { deletedAt: new Date().toISOString() },
          { as: trasher.credential },
        )
      ).status,
    ).toBe(200)
    expect((await test.api.delete(`/api/projects/${draft}?trash=true`, { as: trasher.credential })).status).toBe(200)
    expect((await test.api.delete(`/api/projects/${id}`, { as: test.actors.editor.credential })).status).toBe(200)
  })
})

describe('a publish grant with scope own', () => {
  it('lets its holder change their own published documents live, not anybody else’s', async () => {
    const grants = [{ actions: ['read', 'create', 'update', 'publish'], resource: 'blog-posts', scope: 'own' as const }]
    const writer = await actorWithRole(grants)
    const mine = await publishedBy(writer, kinds[1], unique('Mine'))
    const fresh = unique('Mine, revised')
    expect(
      (await test.api.patch(`/api/blog-posts/${mine}`, { excerpt: fresh }, { as: writer.credential })).status,
    ).toBe(200)
    expect((await liveText(kinds[1], mine)).visitor).toBe(fresh)

    const theirs = await publishedBy(test.actors.author, kinds[1], unique('Theirs'))
    expect(
      (await test.api.patch(`/api/blog-posts/${theirs}`, { excerpt: 'hijacked' }, { as: writer.credential })).status,
    ).not.toBe(200)
    expect((await liveText(kinds[1], theirs)).stored).not.toBe('hijacked')
  })

  it("lets its holder create a document and publish it in one save, as the admin's Publish button does", async () => {
    const writer = await actorWithRole([
      { actions: ['read', 'create', 'update', 'publish'], resource: 'blog-posts', scope: 'own' },
    ])
    const excerpt = unique('Published at once')
    const created = await test.api.post(
      '/api/blog-posts',
      { _status: 'published', excerpt, title: unique('At once') },
      { as: writer.credential },
    )
    expect(created.status).toBe(201)
    expect(created.body.doc.author?.id ?? created.body.doc.author).toBe(writer.id)
    expect((await liveText(kinds[1], created.body.doc.id)).visitor).toBe(excerpt)
  })

  it('is checked against the owner even when the holder may edit and create every document', async () => {
    const writer = await actorWithRole([
      { actions: ['read', 'create', 'update'], resource: 'blog-posts', scope: 'all' },
      { actions: ['publish'], resource: 'blog-posts', scope: 'own' },
    ])
    const theirs = await publishedBy(test.actors.author, kinds[1], unique('Someone else'))
    const edit = await test.api.patch(`/api/blog-posts/${theirs}`, { excerpt: 'hijacked' }, { as: writer.credential })
    expect(edit.status).toBe(403)
    expect(edit.body.errors[0].message).toMatch(/right to publish/)
    expect((await liveText(kinds[1], theirs)).stored).not.toBe('hijacked')
    // A draft of someone else's post is only an edit, which the update grant allows.
    expect(
      (
        await test.api.patch(
          `/api/blog-posts/${theirs}?draft=true`,
          { excerpt: 'a suggestion' },
          { as: writer.credential },
        )
      ).status,
    ).toBe(200)

    const forOther = await test.api.post(
      '/api/blog-posts',
      { _status: 'published', author: test.actors.author.id, title: unique('Published for someone else') },
      { as: writer.credential },
    )
    expect(forOther.status).toBe(403)
  })
})

describe.each(kinds)('an editor, on a published $collection', (kind) => {
  const { collection, field } = kind

  it('changes it live, trashes, restores and rolls back versions, each audited as what it did', async () => {
    const as = test.actors.editor.credential
    const old = unique('Editor words')
    const id = await publishedBy(test.actors.author, kind, old)
    const before = (await auditActions(collection, id)).length

    const fresh = unique('Corrected words')
    expect((await test.api.patch(`/api/${collection}/${id}`, { [field]: fresh }, { as })).status).toBe(200)
    const changed = await liveText(kind, id)
    expect(changed).toMatchObject({ status: 'published', visitor: fresh })
    expect(changed.indexed).toContain(fresh)

    expect(
      (await test.api.patch(`/api/${collection}/${id}`, { deletedAt: new Date().toISOString() }, { as })).status,
    ).toBe(200)
    expect((await test.api.patch(`/api/${collection}/${id}?trash=true`, { deletedAt: null }, { as })).status).toBe(200)
    expect((await liveText(kind, id)).visitor).toBe(fresh)

    const versions = await versionsOf(collection, id)
    const firstDraft = versions.find((version) => version.version._status === 'draft')!
    const firstPublished = versions.find((version) => version.version._status === 'published')!
    expect((await test.api.post(`/api/${collection}/versions/${firstPublished.id}`, {}, { as })).status).toBe(200)
    expect((await liveText(kind, id)).visitor).toBe(old)
    expect((await test.api.post(`/api/${collection}/versions/${firstDraft.id}`, {}, { as })).status).toBe(200)
    expect((await test.api.get(`/api/${collection}/${id}`)).status).toBe(404)

    expect((await auditActions(collection, id)).slice(before)).toEqual([
      'publish',
      'trash',
      'restore',
      'publish',
      'unpublish',
    ])
  })
})
