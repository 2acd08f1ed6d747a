/** `npm run seed`'s work: the demo site, with one draft of each kind, loaded once however often it runs. */
import type { Payload } from 'payload'

import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../src/seed/seed'
import { getTestPayload } from '../helpers/payload'

let payload: Payload
const credentials = { adminEmail: 'owner@example.com', adminPassword: 'a long seed password', quiet: true }

beforeAll(async () => {
  payload = await getTestPayload()
})

const count = async (collection: 'blog-posts' | 'media' | 'projects' | 'roles' | 'skills' | 'users', where = {}) =>
  (await payload.count({ collection, overrideAccess: true, where })).totalDocs

describe('seed', () => {
  it('loads the demo site', async () => {
    const { created } = await seed(payload, credentials)
    expect(created).toBeGreaterThan(30)

    expect(await count('roles')).toBe(4)
    expect(await count('skills')).toBe(10)
    expect(await count('projects', { _status: { equals: 'published' } })).toBe(5)
    expect(await count('projects', { _status: { equals: 'draft' } })).toBe(1)
    expect(await count('blog-posts', { _status: { equals: 'published' } })).toBe(5)
    expect(await count('blog-posts', { _status: { equals: 'draft' } })).toBe(1)

    const profile = await payload.findGlobal({ slug: 'profile', depth: 0 })
    expect(profile.name).toBe('Maya Lindqvist')
    expect(profile.socialLinks?.length).toBeGreaterThan(0)

    const post = (
      await payload.find({
        collection: 'blog-posts',
        depth: 1,
        where: { slug: { equals: 'designing-idempotent-webhooks' } },
      })
    ).docs[0]
    const blocks = post.content!.root.children.map((node) => node.type)
    expect(blocks).toEqual(expect.arrayContaining(['heading', 'paragraph']))
    expect(post.skills?.length).toBeGreaterThan(0)
    expect(post.publishedAt).toBeTruthy()
    const hero = post.heroImage as { filename: string; sizes: { thumbnail: { filename: string } } }
    for (const file of [hero.filename, hero.sizes.thumbnail.filename]) {
      expect(fs.existsSync(path.join(process.env.MEDIA_DIR!, file))).toBe(true)
    }

    const admin = await payload.login({
      collection: 'users',
      data: { email: credentials.adminEmail, password: credentials.adminPassword },
    })
    expect(admin.user?.email).toBe(credentials.adminEmail)
  })

  it('changes nothing when run again', async () => {
    const before = await Promise.all(
      ['media', 'projects', 'blog-posts', 'skills', 'users', 'roles'].map((c) => count(c as never)),
    )
    const { created } = await seed(payload, credentials)
    expect(created).toBe(0)
    const after = await Promise.all(
      ['media', 'projects', 'blog-posts', 'skills', 'users', 'roles'].map((c) => count(c as never)),
    )
    expect(after).toEqual(before)
  })
})
