/**
 * The audit log: one entry per change, sign-in and sign-out, with the right action, actor, changed
 * field names (never values), address and user agent; written in the change's transaction; and
 * immutable, down to the database.
 */
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, initTransaction, killTransaction } from 'payload'
import { describe, expect, it } from 'vitest'

import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { auditEntries } from '../helpers/auditEntries'
import { unique } from '../helpers/fixtures'

const test = useApiTest()

type Entry = {
  action: string
  changedFields: string[]
  documentId: null | string
  entity: string
  entityType: string
  ip: null | string
  user: null | number
  userAgent: null | string
}

const entriesFor = async (entity: string, documentId?: number | string): Promise<Entry[]> =>
  (await auditEntries(test.payload, entity, documentId)) as unknown as Entry[]

const userAgent = { 'User-Agent': 'askfolio-audit-test/1.0' }

describe('entries for content changes', () => {
  it('records create, update, publish, unpublish, trash, restore and delete by the acting user', async () => {
    const as = test.actors.editor.credential
    const created = await test.api.post(
      '/api/projects',
      { summary: 'first', title: unique('Audited') },
      { as, headers: userAgent },
    )
    const id = created.body.doc.id
    await test.api.patch(`/api/projects/${id}`, { summary: 'second' }, { as, headers: userAgent })
    await test.api.patch(`/api/projects/${id}`, { _status: 'published' }, { as, headers: userAgent })
    await test.api.patch(`/api/projects/${id}?draft=true`, { summary: 'a draft' }, { as, headers: userAgent })
    await test.api.patch(`/api/projects/${id}`, { _status: 'draft' }, { as, headers: userAgent })
    await test.api.patch(`/api/projects/${id}`, { deletedAt: new Date().toISOString() }, { as, headers: userAgent })
    await test.api.patch(`/api/projects/${id}?trash=true`, { deletedAt: null }, { as, headers: userAgent })
    expect((await test.api.delete(`/api/projects/${id}`, { as, headers: userAgent })).status).toBe(200)

    const entries = await entriesFor('projects', id)
    expect(entries.map((entry) => entry.action)).toEqual([
      'create',
      'update',
      'publish',
      'update',
      'unpublish',
      'trash',
      'restore',
      'delete',
    ])
    for (const entry of entries) {
      expect(entry).toMatchObject({
        entityType: 'collection',
        ip: '127.0.0.1',
        user: test.actors.editor.id,
        userAgent: 'askfolio-audit-test/1.0',
      })
    }
    expect(entries[0].changedFields).toEqual(expect.arrayContaining(['owner', 'slug', 'summary', 'title']))
    expect(entries[1].changedFields).toEqual(['summary'])
    expect(entries[2].changedFields).toEqual(expect.arrayContaining(['_status', 'publishedAt']))
    expect(entries[5].changedFields).toEqual(['deletedAt'])
  })

  it('records changes to the profile global', async () => {
    const before = (await entriesFor('profile')).length
    const res = await test.api.post(
      '/api/globals/profile',
      { location: 'Porto, Portugal' },
      { as: test.actors.editor.credential },
    )
    expect(res.status).toBe(200)
    const entries = await entriesFor('profile')
    expect(entries).toHaveLength(before + 1)
    expect(entries.at(-1)).toMatchObject({
      action: 'update',
      changedFields: ['location'],
      entityType: 'global',
      user: test.actors.editor.id,
    })
  })

  it('records changes to the chat’s site-wide suggested questions', async () => {
    const res = await test.api.post(
      '/api/globals/chat-settings',
      { suggestedQuestions: ['What has Maya built?'] },
      { as: test.actors.editor.credential },
    )
    expect(res.status).toBe(200)
    expect((await entriesFor('chat-settings')).at(-1)).toMatchObject({
      action: 'update',
      changedFields: ['suggestedQuestions'],
      entityType: 'global',
      user: test.actors.editor.id,
    })
  })

  it('records sign-in and sign-out', async () => {
    const login = await test.api.post(
      '/api/users/login',
      { email: test.actors.viewer.email, password },
      { headers: userAgent },
    )
    const logout = await test.api.post('/api/users/logout', {}, { as: { token: login.body.token }, headers: userAgent })
    expect(logout.status).toBe(200)
    const entries = (await entriesFor('users', test.actors.viewer.id!)).filter(
      (entry) => entry.action === 'login' || entry.action === 'logout',
    )
    expect(entries.slice(-2).map((entry) => [entry.action, entry.user])).toEqual([
      ['login', test.actors.viewer.id],
      ['logout', test.actors.viewer.id],
    ])
  })

  it('names a changed password without storing any secret', async () => {
    const newPassword = 'an entirely new passphrase'
    const res = await test.api.patch(
      `/api/users/${test.actors.author.id}`,
      { password: newPassword },
      { as: test.actors.author.credential },
    )
    expect(res.status).toBe(200)
    const entry = (await entriesFor('users', test.actors.author.id!)).at(-1)!
    expect(entry.action).toBe('update')
    expect(entry.changedFields).toContain('password')

    const stored = await test.payload.db.drizzle.execute(
      sql`select hash, salt from users where id = ${test.actors.author.id}`,
    )
    const { hash, salt } = stored.rows[0] as { hash: string; salt: string }
    const everything = JSON.stringify(await entriesFor('users'))
    for (const secret of [newPassword, password, hash, salt]) expect(everything).not.toContain(secret)
  })
})

describe('transactions', () => {
  it('rolls an entry back with the write it describes', async () => {
    const name = unique('Rolled back skill')
    const req = await createLocalReq({}, test.payload)
    await initTransaction(req)
    const skill = await test.payload.create({ collection: 'skills', data: { category: 'tool', name }, req })
    // Inside the transaction the entry is there (read through the same req: on the embedded database
    // a read from another connection would wait for this transaction to end).
    const inside = await test.payload.find({
      collection: 'audit-logs',
      overrideAccess: true,
      req,
      where: { documentId: { equals: String(skill.id) }, entity: { equals: 'skills' } },
    })
    expect(inside.docs.map((doc) => doc.action)).toEqual(['create'])
    await killTransaction(req)

    expect((await test.payload.count({ collection: 'skills', where: { name: { equals: name } } })).totalDocs).toBe(0)
    expect(await entriesFor('skills', skill.id)).toEqual([])
  })

  it('writes no entry for a write that fails', async () => {
    const before = (await entriesFor('skills')).length
    const res = await test.api.post(
      '/api/skills',
      { category: 'tool', name: 'TypeScript' },
      { as: test.actors.editor.credential },
    )
    expect(res.status).toBe(400)
    expect(await entriesFor('skills')).toHaveLength(before)
  })
})

describe('immutability', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the table itself', async () => {
    const [entry] = (await test.payload.find({ collection: 'audit-logs', depth: 0, limit: 1, overrideAccess: true }))
      .docs
    const db = test.payload.db.drizzle
    await expect(db.execute(sql`update audit_logs set action = 'login' where id = ${entry.id}`)).rejects.toThrow()
    await expect(db.execute(sql`delete from audit_logs where id = ${entry.id}`)).rejects.toThrow()
    await expect(db.execute(sql`truncate audit_logs`)).rejects.toThrow()
    const after = await test.payload.findByID({
      collection: 'audit-logs',
      depth: 0,
      id: entry.id,
      overrideAccess: true,
    })
    expect(after.action).toBe(entry.action)
  })

  it('refuses the Local API too, unless it only clears personal fields', async () => {
    const [entry] = (await test.payload.find({ collection: 'audit-logs', depth: 0, limit: 1, overrideAccess: true }))
      .docs
    await expect(
      test.payload.update({
        collection: 'audit-logs',
        data: { entity: 'tampered' },
        id: entry.id,
        overrideAccess: true,
      }),
    ).rejects.toThrow()
    await expect(
      test.payload.delete({ collection: 'audit-logs', id: entry.id, overrideAccess: true }),
    ).rejects.toThrow()
  })

  it('keeps the trail of a deleted user, without the link to them', async () => {
    const email = `${unique('temp').replace(/\W+/g, '-')}@example.com`
    const temp = await test.payload.create({
      collection: 'users',
      data: { email, name: 'Temporary', password },
      overrideAccess: true,
    })
    await test.api.post('/api/users/login', { email, password })
    const before = (await entriesFor('users', temp.id)).length
    expect(before).toBeGreaterThanOrEqual(2) // create + login

    expect((await test.api.delete(`/api/users/${temp.id}`, { as: test.actors.admin.credential })).status).toBe(200)
    const entries = await entriesFor('users', temp.id)
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['create', 'login', 'delete']))
    expect(entries.filter((entry) => entry.action !== 'delete').every((entry) => entry.user === null)).toBe(true)
  })
})
