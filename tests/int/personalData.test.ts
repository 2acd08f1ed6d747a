import type { Credential } from '../helpers/client'

/**
 * Personal data: an admin exports everything stored about a user (JSON, no secrets) and erases a
 * user: content passes to another user (drafts and versions too), audit entries stay without their
 * identity, the chat conversations they started go (visitors' stay), their outbox, sessions and
 * preferences go, they cannot sign in, and one `erase` entry names nobody. Bad requests change nothing.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { settleQueuedEmails } from '../../src/email/queuedEmailAdapter'
import { EraseRefused, erasePersonalData } from '../../src/privacy/erasePersonalData'
import { ownedContent } from '../../src/privacy/ownedContent'
import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { unique } from '../helpers/fixtures'

process.env.CHAT_PROVIDER = 'extractive'

const test = useApiTest()

type Subject = { credential: Credential; email: string; id: number }
type Row = Record<string, unknown>

const rows = async <T = Row>(query: ReturnType<typeof sql>): Promise<T[]> =>
  (
    await (
      test.payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: T[] }> } }
    ).drizzle.execute(query)
  ).rows

const userAgent = { 'User-Agent': 'personal-data-test/1.0' }

/** A signed-in editor with content (published, draft-only, a published post with a newer draft), chats, an email waiting and preferences. */
async function createSubject(label: string) {
  const roles = await test.payload.find({
    collection: 'roles',
    overrideAccess: true,
    where: { name: { equals: 'editor' } },
  })
  const email = `${label.toLowerCase()}-${Date.now().toString(36)}@example.com`
  const user = await test.payload.create({
    collection: 'users',
    data: {
      apiKey: `key-${crypto.randomUUID()}`,
      email,
      enableAPIKey: true,
      name: `${label} Person`,
      password,
      roles: [roles.docs[0].id],
    } as never,
    overrideAccess: true,
  })
  const login = await test.api.post('/api/users/login', { email, password }, { headers: userAgent })
  expect(login.status).toBe(200)
  const as: Credential = { token: login.body.token }
  const post = (path: string, body: object) => test.api.post(path, body, { as, headers: userAgent })

  const published = (
    await post('/api/projects', { _status: 'published', summary: 'public', title: unique(`${label} project`) })
  ).body.doc
  const draftOnly = (await post('/api/projects?draft=true', { summary: 'draft only', title: unique(`${label} draft`) }))
    .body.doc
  const postDoc = (
    await post('/api/blog-posts', { _status: 'published', excerpt: 'published text', title: unique(`${label} post`) })
  ).body.doc
  const newerDraft = await test.api.patch(
    `/api/blog-posts/${postDoc.id}?draft=true`,
    { excerpt: 'unsaved newer draft' },
    { as, headers: userAgent },
  )
  expect(newerDraft.status).toBe(200)

  const chat = await post('/api/chat', { message: `What does ${label} know about carbonara?` })
  expect(chat.status).toBe(200)
  expect((await post('/api/payload-preferences/nav', { value: { open: true } })).status).toBe(200)
  expect((await test.api.post('/api/users/forgot-password', { email })).status).toBe(200)
  await settleQueuedEmails()
  return {
    chatSession: chat.body.sessionId as string,
    draftOnly,
    postDoc,
    published,
    subject: { credential: as, email, id: user.id } as Subject,
  }
}

const stillThere = async (subject: Subject) => {
  const user = await test.payload.find({
    collection: 'users',
    overrideAccess: true,
    where: { id: { equals: subject.id } },
  })
  const sessions = await rows(sql`select id from chat_sessions where user_id = ${subject.id}`)
  const acted = await rows(sql`select id from audit_logs where user_id = ${subject.id}`)
  const owned = await rows(sql`select id from projects where owner_id = ${subject.id}`)
  return user.docs.length === 1 && sessions.length > 0 && acted.length > 0 && owned.length > 0
}

let main: Awaited<ReturnType<typeof createSubject>>
let visitorSession: string

beforeAll(async () => {
  main = await createSubject('Erin')
  const visitor = await test.api.post('/api/chat', { message: 'What is carbonara made of?' })
  expect(visitor.status).toBe(200)
  visitorSession = visitor.body.sessionId
  // An admin changes the subject's account: an entry about them by someone else.
  await test.api.patch(`/api/users/${main.subject.id}`, { name: 'Erin Renamed' }, { as: test.actors.admin.credential })
})

describe('chat sessions of signed-in users', () => {
  it('records the user on a session they start, visible to admins only', async () => {
    const [mine] = await rows<{ user_id: null | number }>(
      sql`select user_id from chat_sessions where public_id = ${main.chatSession}`,
    )
    expect(mine.user_id).toBe(main.subject.id)
    const [theirs] = await rows<{ user_id: null | number }>(
      sql`select user_id from chat_sessions where public_id = ${visitorSession}`,
    )
    expect(theirs.user_id).toBeNull()
    const where = `where[publicId][equals]=${main.chatSession}&depth=0`
    const asAdmin = await test.api.get(`/api/chat-sessions?${where}`, { as: test.actors.admin.credential })
    expect(asAdmin.body.docs[0].user).toBe(main.subject.id)
    const asEditor = await test.api.get(`/api/chat-sessions?${where}`, { as: test.actors.editor.credential })
    expect(asEditor.status).toBe(200)
    expect(asEditor.body.docs[0]).not.toHaveProperty('user')
  })
})

describe('export', () => {
  it('downloads everything stored about the user as JSON, without secrets', async () => {
    const res = await test.api.get(`/api/users/${main.subject.id}/personal-data`, { as: test.actors.admin.credential })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="personal-data-user-${main.subject.id}.json"`,
    )
    const data = res.body
    expect(data.account).toMatchObject({
      email: main.subject.email,
      hasAPIKey: true,
      id: main.subject.id,
      name: 'Erin Renamed',
      passwordResetPending: true,
    })
    expect(data.account.roles.map((role: Row) => role.name)).toEqual(['editor'])
    expect(data.signInSessions.length).toBeGreaterThanOrEqual(1)
    expect(data.signInSessions[0]).toEqual({ createdAt: expect.any(String), expiresAt: expect.any(String) })
    expect(data.adminPreferences).toEqual([expect.objectContaining({ key: 'nav', value: { open: true } })])

    const projects = data.content.find((entry: Row) => entry.collection === 'projects')
    expect(projects.documents.map((doc: Row) => doc.id).sort()).toEqual([main.published.id, main.draftOnly.id].sort())
    const posts = data.content.find((entry: Row) => entry.collection === 'blog-posts')
    expect(posts.documents.map((doc: Row) => doc.id)).toEqual([main.postDoc.id])
    expect(posts.versions.map((version: Row) => version.status)).toEqual(expect.arrayContaining(['published', 'draft']))

    expect(data.auditLog.asActor.map((entry: Row) => entry.action)).toEqual(
      expect.arrayContaining(['login', 'create', 'update']),
    )
    expect(data.auditLog.asActor[0]).toMatchObject({ ip: '127.0.0.1', userAgent: 'personal-data-test/1.0' })
    expect(data.auditLog.aboutTheirAccount.map((entry: Row) => entry.action)).toEqual(
      expect.arrayContaining(['create', 'login', 'update']),
    )
    // Entries about their account that someone else made (the admin who created it) keep that person's address and browser out.
    const theirs = new Set(data.auditLog.asActor.map((entry: Row) => entry.id))
    const byOthers = data.auditLog.aboutTheirAccount.filter((entry: Row) => !theirs.has(entry.id))
    expect(byOthers.map((entry: Row) => entry.action)).toContain('create')
    for (const entry of byOthers) {
      expect(entry).not.toHaveProperty('ip')
      expect(entry).not.toHaveProperty('userAgent')
    }
    expect(data.chatSessions).toHaveLength(1)
    expect(data.chatSessions[0]).toMatchObject({ messageCount: 1, publicId: main.chatSession })
    expect(data.chatSessions[0].messages[0].question).toBe('What does Erin know about carbonara?')
    expect(data.outbox).toEqual([expect.objectContaining({ failed: false, subject: expect.any(String) })])

    const [secrets] = await rows<Record<string, string>>(
      sql`select hash, salt, api_key, api_key_index, reset_password_token from users where id = ${main.subject.id}`,
    )
    const text = JSON.stringify(data)
    for (const [column, value] of Object.entries(secrets)) {
      expect(value, column).toBeTruthy()
      expect(text.includes(value), column).toBe(false)
    }
    const keys = new Set<string>()
    JSON.parse(text, (key, value) => (keys.add(key), value))
    for (const key of ['hash', 'salt', 'apiKey', 'apiKeyIndex', 'resetPasswordToken', '_verificationToken', 'sessions'])
      expect(keys.has(key), key).toBe(false)
    // Visitors' conversations are not theirs.
    expect(text).not.toContain(visitorSession)
  })

  it('answers 404 for an unknown user', async () => {
    expect((await test.api.get('/api/users/999999/personal-data', { as: test.actors.admin.credential })).status).toBe(
      404,
    )
  })
})

describe('only admins', () => {
  it.each(['editor', 'author', 'viewer', 'anonymous'] as const)('refuses %s', async (name) => {
    const as = test.actors[name].credential
    const status = name === 'anonymous' ? 401 : 403
    expect((await test.api.get(`/api/users/${main.subject.id}/personal-data`, { as })).status).toBe(status)
    const erase = await test.api.post(`/api/users/${main.subject.id}/erase`, { confirm: main.subject.email }, { as })
    expect(erase.status).toBe(status)
    expect(await stillThere(main.subject)).toBe(true)
  })
})

describe('bad erase requests change nothing', () => {
  const erase = (id: number | string, body: object) =>
    test.api.post(`/api/users/${id}/erase`, body, { as: test.actors.admin.credential })

  it.each([
    ['no confirmation', () => ({}), /confirm/],
    ['a wrong confirmation', () => ({ confirm: 'someone-else@example.com' }), /confirm/],
    ['an unknown reassignTo', () => ({ confirm: main.subject.email, reassignTo: 999999 }), /reassignTo/],
    ['a reassignTo that is no id', () => ({ confirm: main.subject.email, reassignTo: 'nobody' }), /reassignTo/],
    [
      'reassigning to themselves',
      () => ({ confirm: main.subject.email, reassignTo: main.subject.id }),
      /someone other/,
    ],
  ])('refuses %s with 400', async (_label, body, message) => {
    const res = await erase(main.subject.id, body())
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(message)
    expect(await stillThere(main.subject)).toBe(true)
  })

  it('refuses an unknown user, a body that is not JSON, and erasing yourself', async () => {
    expect((await erase(999999, { confirm: 'x@example.com' })).status).toBe(404)
    expect((await erase('nobody', { confirm: 'x@example.com' })).status).toBe(404)
    expect((await test.api.get('/api/users/nobody/personal-data', { as: test.actors.admin.credential })).status).toBe(
      404,
    )
    const notJson = await test.api.post(`/api/users/${main.subject.id}/erase`, 'confirm', {
      as: test.actors.admin.credential,
    })
    expect(notJson.status).toBe(400)
    const self = await erase(test.actors.admin.id!, { confirm: test.actors.admin.email })
    expect(self.status).toBe(403)
    expect(self.body.errors[0].message).toMatch(/your own account/)
    expect(await stillThere(main.subject)).toBe(true)
  })
})

describe('erasure', () => {
  let before: { acted: number[]; about: number[]; sessionIds: number[] }
  let result: Awaited<ReturnType<typeof test.api.post>>

  beforeAll(async () => {
    before = {
      about: (
        await rows<{ id: number }>(
          sql`select id from audit_logs where entity = 'users' and document_id = ${String(main.subject.id)}`,
        )
      ).map((r) => r.id),
      acted: (await rows<{ id: number }>(sql`select id from audit_logs where user_id = ${main.subject.id}`)).map(
        (r) => r.id,
      ),
      sessionIds: (
        await rows<{ id: number }>(sql`select id from chat_sessions where user_id = ${main.subject.id}`)
      ).map((r) => r.id),
    }
    result = await test.api.post(
      `/api/users/${main.subject.id}/erase`,
      { confirm: main.subject.email.toUpperCase(), reassignTo: test.actors.editor.id },
      { as: test.actors.admin.credential, headers: userAgent },
    )
  })

  it('answers with what was done', () => {
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({
      chat: { messages: 1, sessions: 1 },
      emailsBeingSent: 0,
      emailsDropped: 1,
      reassigned: { 'blog-posts': { documents: 1 }, projects: { documents: 2 } },
      reassignedTo: test.actors.editor.id,
    })
  })

  it('gives their documents, drafts and versions to the new owner, keeping the newer draft', async () => {
    for (const id of [main.published.id, main.draftOnly.id]) {
      const doc = await test.payload.findByID({
        collection: 'projects',
        depth: 0,
        draft: true,
        id,
        overrideAccess: true,
      })
      expect(doc.owner).toBe(test.actors.editor.id)
    }
    const draft = await test.payload.findByID({
      collection: 'blog-posts',
      depth: 0,
      draft: true,
      id: main.postDoc.id,
      overrideAccess: true,
    })
    expect(draft).toMatchObject({ author: test.actors.editor.id, excerpt: 'unsaved newer draft' })
    const live = await test.payload.findByID({
      collection: 'blog-posts',
      depth: 0,
      id: main.postDoc.id,
      overrideAccess: true,
    })
    expect(live).toMatchObject({ _status: 'published', author: test.actors.editor.id, excerpt: 'published text' })
    expect(await rows(sql`select id from _projects_v where version_owner_id = ${main.subject.id}`)).toEqual([])
    expect(await rows(sql`select id from _blog_posts_v where version_author_id = ${main.subject.id}`)).toEqual([])
    const moved = await rows(
      sql`select action, changed_fields, user_id from audit_logs where entity = 'projects' and document_id = ${String(main.draftOnly.id)} order by id desc limit 1`,
    )
    expect(moved[0]).toMatchObject({ action: 'update', changed_fields: ['owner'], user_id: test.actors.admin.id })
  })

  it('keeps their audit entries without their identity', async () => {
    const kept = await rows<Row>(
      sql`select id, user_id, ip, user_agent, document_id, entity from audit_logs where id in ${sql.raw(`(${[...before.acted, ...before.about].join(',')})`)}`,
    )
    expect(kept).toHaveLength(new Set([...before.acted, ...before.about]).size)
    for (const entry of kept.filter((row) => before.acted.includes(row.id as number)))
      expect(entry).toMatchObject({ ip: null, user_agent: null, user_id: null })
    for (const entry of kept.filter((row) => row.entity === 'users' && before.about.includes(row.id as number)))
      expect(entry.document_id).toBeNull()
    expect(
      await rows(sql`select id from audit_logs where entity = 'users' and document_id = ${String(main.subject.id)}`),
    ).toEqual([])
    const mentions = await rows(
      sql`select id from audit_logs a where to_jsonb(a)::text ilike ${`%${main.subject.email}%`} or to_jsonb(a)::text ilike '%Erin%'`,
    )
    expect(mentions).toEqual([])
  })

  it('writes one erase entry that names nobody', async () => {
    const entries = await rows<Row>(sql`select * from audit_logs where action = 'erase'`)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      document_id: null,
      entity: 'users',
      user_id: test.actors.admin.id,
      user_agent: 'personal-data-test/1.0',
    })
    expect(JSON.stringify(entries[0])).not.toContain(main.subject.email)
  })

  it('purges their chat sessions and messages, and only theirs', async () => {
    expect(before.sessionIds).toHaveLength(1)
    expect(await rows(sql`select id from chat_sessions where id = ${before.sessionIds[0]}`)).toEqual([])
    expect(await rows(sql`select id from chat_messages where session_id = ${before.sessionIds[0]}`)).toEqual([])
    expect(await rows(sql`select id from chat_messages where question like '%Erin%'`)).toEqual([])
    const visitor = await rows<{ id: number }>(sql`select id from chat_sessions where public_id = ${visitorSession}`)
    expect(visitor).toHaveLength(1)
    expect(await rows(sql`select id from chat_messages where session_id = ${visitor[0].id}`)).toHaveLength(1)
  })

  it('removes the account, its sessions, preferences and waiting emails: they cannot sign in', async () => {
    expect(await rows(sql`select id from users where id = ${main.subject.id}`)).toEqual([])
    expect(await rows(sql`select id from users_sessions where _parent_id = ${main.subject.id}`)).toEqual([])
    expect(await rows(sql`select id from payload_preferences_rels where users_id = ${main.subject.id}`)).toEqual([])
    expect(await rows(sql`select id from payload_jobs where input::text ilike ${`%${main.subject.email}%`}`)).toEqual(
      [],
    )
    expect((await test.api.post('/api/users/login', { email: main.subject.email, password })).status).toBe(401)
    const me = await test.api.get('/api/users/me', { as: main.subject.credential })
    expect(me.body.user).toBeNull()
    expect(
      (await test.api.get(`/api/users/${main.subject.id}/personal-data`, { as: test.actors.admin.credential })).status,
    ).toBe(404)
  })

  it('reassigns to the acting admin by default', async () => {
    const second = await createSubject('Sam')
    const res = await test.api.post(
      `/api/users/${second.subject.id}/erase`,
      { confirm: second.subject.email },
      { as: test.actors.admin.credential },
    )
    expect(res.status).toBe(200)
    const doc = await test.payload.findByID({
      collection: 'projects',
      depth: 0,
      id: second.published.id,
      overrideAccess: true,
    })
    expect(doc.owner).toBe(test.actors.admin.id)
  })
})

describe('guards', () => {
  it('refuses to erase the last active admin', async () => {
    const seedAdmin = await test.payload.find({
      collection: 'users',
      overrideAccess: true,
      where: { email: { equals: 'seed-admin@example.com' } },
    })
    await test.payload.update({
      collection: 'users',
      data: { active: false },
      id: seedAdmin.docs[0].id,
      overrideAccess: true,
    })
    try {
      const req = await createLocalReq({}, test.payload)
      const attempt = erasePersonalData(req, {
        confirm: test.actors.admin.email,
        reassignTo: test.actors.editor.id,
        userId: test.actors.admin.id!,
      })
      await expect(attempt).rejects.toThrow(EraseRefused)
      await expect(attempt).rejects.toMatchObject({ status: 409 })
      expect(await rows(sql`select id from users where id = ${test.actors.admin.id}`)).toHaveLength(1)
    } finally {
      await test.payload.update({
        collection: 'users',
        data: { active: true },
        id: seedAdmin.docs[0].id,
        overrideAccess: true,
      })
    }
  })

  it('lets the audit trigger clear which account an entry is about only for users entries', async () => {
    const refusal = async (query: ReturnType<typeof sql>) => {
      const error = (await rows(query).then(
        () => null,
        (failure: Error & { cause?: Error }) => failure,
      )) as (Error & { cause?: Error }) | null
      return error?.cause?.message ?? error?.message
    }
    expect(await refusal(sql`update audit_logs set document_id = null where entity = 'projects'`)).toMatch(
      /append-only/,
    )
    expect(await refusal(sql`update audit_logs set action = 'update' where action = 'erase'`)).toMatch(/append-only/)
    expect(await refusal(sql`delete from audit_logs where action = 'erase'`)).toMatch(/append-only/)
  })

  it('covers every relationship to users in the config', () => {
    const found: string[] = []
    for (const collection of test.payload.config.collections) {
      for (const field of collection.flattenedFields) {
        const relationTo = 'relationTo' in field ? [field.relationTo].flat() : []
        if (relationTo.includes('users')) found.push(`${collection.slug}.${field.name}`)
      }
    }
    const handled = [
      ...ownedContent.map(({ collection, field }) => `${collection}.${field}`), // reassigned, versions too
      'audit-logs.user', // cleared
      'chat-sessions.user', // purged
      'payload-preferences.user', // deleted with the account
      'payload-locked-documents.user', // the database drops locks with the account
      'payload-locked-documents.document', // likewise
      'payload-mcp-api-keys.user', // none exist: the collection is closed, MCP clients read as visitors (mcp.test.ts)
    ]
    expect(found.sort()).toEqual(handled.sort())
  })
})
