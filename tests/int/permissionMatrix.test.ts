/**
 * Every role and anonymous visitors, on every collection and the profile global, for read, create,
 * update and delete, through both REST and GraphQL. Each case checks the answer and then the
 * database: an allowed write really happened, a refused one changed nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { type Actor, type ActorName } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { createMedia, pngFile, unique, uploadForm } from '../helpers/fixtures'

type Resource =
  'audit-logs' | 'blog-posts' | 'chat-checks' | 'faq' | 'media' | 'profile' | 'projects' | 'roles' | 'skills' | 'users'
type Operation = 'create' | 'delete' | 'read' | 'update'
type Transport = 'GraphQL' | 'REST'

const actorOrder: ActorName[] = ['anonymous', 'viewer', 'author', 'editor', 'admin']
const Y = true
const N = false

// Expected answers, in actorOrder (anonymous, viewer, author, editor, admin), written from the spec:
// admin does everything; editors manage all content and publish; authors create their own projects and
// posts (and upload media) but may not touch others' work; viewers only read; visitors read published
// content; nobody writes audit logs through an API. FAQ entries are content like blog posts; answer
// checks belong to those who may read the chat (editors and admins), and visitors never see them.
const matrix: Record<Resource, Partial<Record<Operation, boolean[]>>> = {
  projects: { read: [Y, Y, Y, Y, Y], create: [N, N, Y, Y, Y], update: [N, N, N, Y, Y], delete: [N, N, N, Y, Y] },
  'blog-posts': { read: [Y, Y, Y, Y, Y], create: [N, N, Y, Y, Y], update: [N, N, N, Y, Y], delete: [N, N, N, Y, Y] },
  faq: { read: [Y, Y, Y, Y, Y], create: [N, N, Y, Y, Y], update: [N, N, N, Y, Y], delete: [N, N, N, Y, Y] },
  'chat-checks': { read: [N, N, N, Y, Y], create: [N, N, N, Y, Y], update: [N, N, N, Y, Y], delete: [N, N, N, Y, Y] },
  skills: { read: [Y, Y, Y, Y, Y], create: [N, N, N, Y, Y], update: [N, N, N, Y, Y], delete: [N, N, N, Y, Y] },
  media: { read: [Y, Y, Y, Y, Y], create: [N, N, Y, Y, Y], update: [N, N, N, Y, Y], delete: [N, N, N, Y, Y] },
  users: { read: [N, Y, Y, Y, Y], create: [N, N, N, N, Y], update: [N, N, N, N, Y], delete: [N, N, N, N, Y] },
  roles: { read: [N, Y, Y, Y, Y], create: [N, N, N, N, Y], update: [N, N, N, N, Y], delete: [N, N, N, N, Y] },
  'audit-logs': { read: [N, N, N, N, Y], create: [N, N, N, N, N], update: [N, N, N, N, N], delete: [N, N, N, N, N] },
  profile: { read: [Y, Y, Y, Y, Y], update: [N, N, N, Y, Y] },
}

const graphqlNames: Record<Exclude<Resource, 'profile'>, { plural: string; singular: string }> = {
  'audit-logs': { plural: 'AuditLogs', singular: 'AuditLog' },
  'blog-posts': { plural: 'BlogPosts', singular: 'BlogPost' },
  'chat-checks': { plural: 'ChatChecks', singular: 'ChatCheck' },
  faq: { plural: 'FaqEntries', singular: 'FaqEntry' },
  media: { plural: 'allMedia', singular: 'Media' },
  projects: { plural: 'Projects', singular: 'Project' },
  roles: { plural: 'Roles', singular: 'Role' },
  skills: { plural: 'Skills', singular: 'Skill' },
  users: { plural: 'Users', singular: 'User' },
}

const test = useApiTest()

// The seed has neither: one of each, made by the admin, for the reads and the updates.
beforeAll(async () => {
  await test.payload.create({
    collection: 'faq',
    data: { _status: 'published', question: 'Seeded question?' },
    overrideAccess: true,
  })
  await test.payload.create({
    collection: 'chat-checks',
    data: { expectedCollection: 'faq', expectedId: '1', question: 'Seeded check?' },
    overrideAccess: true,
  })
})

type Collection = Exclude<Resource, 'profile'>

/** What a create sends, and how to find the result afterwards. */
function newDocument(resource: Collection): { data: Record<string, unknown>; key: string; value: string } {
  const name = unique(resource)
  switch (resource) {
    case 'audit-logs':
      return { data: { action: 'create', entity: name, entityType: 'collection' }, key: 'entity', value: name }
    case 'blog-posts':
    case 'projects':
      return { data: { title: name }, key: 'title', value: name }
    case 'chat-checks':
      return { data: { expectedCollection: 'faq', expectedId: '1', question: name }, key: 'question', value: name }
    case 'faq':
      return { data: { question: name }, key: 'question', value: name }
    case 'media':
      return { data: { alt: name }, key: 'alt', value: name }
    case 'roles':
      return { data: { name }, key: 'name', value: name }
    case 'skills':
      return { data: { category: 'tool', name }, key: 'name', value: name }
    case 'users': {
      const email = `${name.replace(/\W+/g, '-').toLowerCase()}@example.com`
      return { data: { email, name, password: 'a long enough password' }, key: 'email', value: email }
    }
  }
}

/** An existing document that belongs to nobody in the test (seeded by the admin), and a field to change. */
async function updateTarget(resource: Collection): Promise<{ field: string; id: number }> {
  const first = async (collection: Collection, where = {}) =>
    (await test.payload.find({ collection, depth: 0, limit: 1, overrideAccess: true, sort: 'id', where })).docs[0]
      .id as number
  switch (resource) {
    case 'audit-logs':
      return { field: 'entity', id: await first('audit-logs') }
    case 'blog-posts':
      return { field: 'excerpt', id: await first('blog-posts', { _status: { equals: 'published' } }) }
    case 'chat-checks':
      return { field: 'question', id: await first('chat-checks') }
    case 'faq':
      return { field: 'question', id: await first('faq', { _status: { equals: 'published' } }) }
    case 'media':
      return { field: 'caption', id: await first('media') }
    case 'projects':
      return { field: 'summary', id: await first('projects', { _status: { equals: 'published' } }) }
    case 'roles':
      return { field: 'description', id: await first('roles', { name: { equals: 'viewer' } }) }
    case 'skills':
      return { field: 'description', id: await first('skills') }
    case 'users':
      return { field: 'name', id: await first('users', { email: { equals: 'seed-admin@example.com' } }) }
  }
}

/** A fresh document to delete, made with the Local API. */
async function deleteTarget(resource: Collection): Promise<number> {
  if (resource === 'media') return createMedia(test.payload)
  if (resource === 'audit-logs') {
    return (await test.payload.find({ collection: 'audit-logs', depth: 0, limit: 1, overrideAccess: true })).docs[0].id
  }
  const { data } = newDocument(resource)
  const extra =
    resource === 'projects' || resource === 'blog-posts' || resource === 'faq' ? { _status: 'published' } : {}
  const doc = await test.payload.create({
    collection: resource,
    data: { ...data, ...extra } as never,
    overrideAccess: true,
  })
  return doc.id as number
}

const exists = async (collection: Collection, where: Record<string, unknown>) =>
  (await test.payload.count({ collection, overrideAccess: true, trash: true, where: where as never })).totalDocs > 0

function expectAnswer(transport: Transport, allowed: boolean, res: { body: any; status: number }, label: string) {
  if (transport === 'REST') {
    if (allowed) expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
    else expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(403)
    return
  }
  expect(res.status).toBe(200)
  if (allowed) {
    expect(res.body.errors, `${label}: ${JSON.stringify(res.body.errors)}`).toBeUndefined()
  } else {
    expect(res.body.errors?.[0]?.extensions?.statusCode, `${label}: ${JSON.stringify(res.body)}`).toBe(403)
  }
}

async function runCase(resource: Resource, operation: Operation, actor: Actor, transport: Transport, allowed: boolean) {
  const as = actor.credential
  const label = `${transport} ${actor.name} ${operation} ${resource}`

  if (resource === 'profile') {
    if (operation === 'read') {
      const res =
        transport === 'REST'
          ? await test.api.get('/api/globals/profile', { as })
          : await test.api.graphql('{ Profile { name } }', {}, as)
      expectAnswer(transport, allowed, res, label)
      return
    }
    const headline = unique('headline')
    const before = await test.payload.findGlobal({ slug: 'profile', depth: 0, overrideAccess: true })
    const res =
      transport === 'REST'
        ? await test.api.post('/api/globals/profile', { headline }, { as })
        : await test.api.graphql(
            'mutation($data: mutationProfileInput!) { updateProfile(data: $data) { headline } }',
            { data: { headline, name: before.name } },
            as,
          )
    expectAnswer(transport, allowed, res, label)
    const after = await test.payload.findGlobal({ slug: 'profile', depth: 0, overrideAccess: true })
    expect(after.headline === headline, `${label}: headline changed`).toBe(allowed)
    return
  }

  const names = graphqlNames[resource]
  switch (operation) {
    case 'read': {
      const res =
        transport === 'REST'
          ? await test.api.get(`/api/${resource}?depth=0&limit=100`, { as })
          : await test.api.graphql(`{ ${names.plural}(limit: 100) { docs { id } } }`, {}, as)
      expectAnswer(transport, allowed, res, label)
      if (allowed) {
        const docs = transport === 'REST' ? res.body.docs : res.body.data[names.plural].docs
        expect(docs.length, `${label}: sees documents`).toBeGreaterThan(0)
      }
      return
    }
    case 'create': {
      if (resource === 'media' && transport === 'GraphQL') return // uploads are REST-only in Payload
      const { data, key, value } = newDocument(resource)
      const res =
        resource === 'media'
          ? await test.api.request('POST', '/api/media', {
              as,
              body: uploadForm(await pngFile(), 'upload.png', 'image/png', data),
            })
          : transport === 'REST'
            ? await test.api.post(`/api/${resource}`, data, { as })
            : await test.api.graphql(
                `mutation($data: mutation${names.singular}Input!) { create${names.singular}(data: $data) { id } }`,
                { data },
                as,
              )
      expectAnswer(transport, allowed, res, label)
      expect(await exists(resource, { [key]: { equals: value } }), `${label}: document stored`).toBe(allowed)
      return
    }
    case 'update': {
      const { field, id } = await updateTarget(resource)
      const value = unique('changed')
      const res =
        transport === 'REST'
          ? await test.api.patch(`/api/${resource}/${id}`, { [field]: value }, { as })
          : await test.api.graphql(
              `mutation($id: Int!, $data: mutation${names.singular}UpdateInput!) { update${names.singular}(id: $id, data: $data) { id } }`,
              { data: { [field]: value }, id },
              as,
            )
      expectAnswer(transport, allowed, res, label)
      expect(
        await exists(resource, { [field]: { equals: value }, id: { equals: id } }),
        `${label}: field changed`,
      ).toBe(allowed)
      return
    }
    case 'delete': {
      const id = await deleteTarget(resource)
      const res =
        transport === 'REST'
          ? await test.api.delete(`/api/${resource}/${id}`, { as })
          : await test.api.graphql(`mutation($id: Int!) { delete${names.singular}(id: $id) { id } }`, { id }, as)
      expectAnswer(transport, allowed, res, label)
      expect(await exists(resource, { id: { equals: id } }), `${label}: document still there`).toBe(!allowed)
    }
  }
}

const cases = Object.entries(matrix).flatMap(([resource, operations]) =>
  Object.entries(operations).flatMap(([operation, answers]) =>
    actorOrder.flatMap((actor, index) =>
      (['REST', 'GraphQL'] as Transport[]).map((transport) => ({
        actor,
        allowed: answers![index],
        operation: operation as Operation,
        resource: resource as Resource,
        transport,
      })),
    ),
  ),
)

describe('permission matrix', () => {
  it.each(cases)(
    '$transport: $actor $operation $resource → allowed: $allowed',
    async ({ actor, allowed, operation, resource, transport }) => {
      await runCase(resource, operation, test.actors[actor], transport, allowed)
    },
  )
})
