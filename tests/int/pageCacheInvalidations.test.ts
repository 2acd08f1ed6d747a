/**
 * How a write reaches every instance's page cache, on the real database: the invalidation log the
 * content hooks write in the write's own transaction, and the follower each web instance runs
 * (src/pageCache). The pages themselves are served by Next.js in tests/server/pageCache.test.ts.
 */
import type { Payload } from 'payload'

import { reindexEverything } from '@askfolio/payload-retrieval'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { followInvalidations } from '../../src/pageCache/followInvalidations'
import { recordEverythingChanged } from '../../src/pageCache/invalidationLog'
import { installPageCache, type PageCacheStore } from '../../src/pageCache/pageCacheStore'
import { relatedTag } from '../../src/pageCache/siteTags'
import { seed } from '../../src/seed/seed'
import { password } from '../helpers/actors'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { getTestPayload } from '../helpers/payload'

let payload: Payload
let store: PageCacheStore
const embedded = process.env.DATABASE_EMBEDDED === 'true'

const entries = async (): Promise<string[][]> => {
  const { rows } = await payload.db.pool.query('select tags from page_cache_invalidations order by id')
  return rows.map((row: { tags: string[] }) => row.tags)
}

/** A page as Next.js stores it after rendering, carrying `tags`. */
const cachePage = (key: string, tags: string[]) => {
  store.get(key)
  store.set(key, { headers: { 'x-next-cache-tags': tags.join(',') }, html: key, kind: 'APP_PAGE' })
  expect(store.has(key)).toBe(true)
}

const project = async (slug: string) => {
  const { docs } = await payload.find({ collection: 'projects', limit: 1, where: { slug: { equals: slug } } })
  return docs[0]
}

beforeAll(async () => {
  payload = await getTestPayload()
  await seed(payload, { adminEmail: 'cache-admin@example.com', adminPassword: password, quiet: true })
  store = installPageCache({ maxBytes: 10_000_000 })
  store.enabled = true
})

beforeEach(async () => {
  await payload.db.pool.query('delete from page_cache_invalidations')
  store.invalidateAll()
})

describe('the invalidation log', () => {
  it('names the lists, the id and both slugs of a published document that changed', async () => {
    const tidewater = await project('tidewater')
    await payload.update({ collection: 'projects', data: { slug: 'tidewater-2' }, id: tidewater.id })
    expect(await entries()).toEqual([
      ['projects', `projects#${tidewater.id}`, 'projects/tidewater-2', 'projects/tidewater'],
    ])
    await payload.update({ collection: 'projects', data: { slug: 'tidewater' }, id: tidewater.id })
  })

  it('stays silent for a new draft version, and speaks for unpublishing and deleting', async () => {
    const ledgerline = await project('ledgerline')
    await payload.update({ collection: 'projects', data: { title: 'Draft title' }, draft: true, id: ledgerline.id })
    expect(await entries()).toEqual([])
    await payload.update({ collection: 'projects', data: { _status: 'draft' }, id: ledgerline.id })
    expect(await entries()).toHaveLength(1)
    await payload.delete({ collection: 'projects', id: ledgerline.id })
    expect(await entries()).toEqual([
      ['projects', `projects#${ledgerline.id}`, 'projects/ledgerline'],
      ['projects', `projects#${ledgerline.id}`, 'projects/ledgerline'],
    ])
  })

  it('speaks for trashing and restoring', async () => {
    const switchyard = await project('switchyard')
    await payload.update({ collection: 'projects', data: { deletedAt: new Date().toISOString() }, id: switchyard.id })
    await payload.update({ collection: 'projects', data: { deletedAt: null }, id: switchyard.id, trash: true })
    const tags = ['projects', `projects#${switchyard.id}`, 'projects/switchyard']
    expect(await entries()).toEqual([tags, tags])
  })

  it('names the profile for a profile change, and users only when a name changes', async () => {
    await payload.updateGlobal({ data: { headline: 'A new headline' }, slug: 'profile' })
    expect(await entries()).toEqual([['profile']])
    const { docs } = await payload.find({ collection: 'users', limit: 1 })
    await payload.update({ collection: 'users', data: { name: docs[0].name }, id: docs[0].id })
    expect(await entries()).toHaveLength(1)
    await payload.update({ collection: 'users', data: { name: 'Renamed Author' }, id: docs[0].id })
    expect((await entries())[1]).toEqual(['users', `users#${docs[0].id}`])
  })

  it('is written in the change’s transaction: a rolled-back change leaves no entry and no page dropped', async () => {
    cachePage('/projects/tidewater', ['projects/tidewater'])
    // Read before the transaction opens: on the embedded database a read beside it would wait for it.
    const tidewater = await project('tidewater')
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await payload.update({ collection: 'projects', data: { title: 'Rolled back' }, id: tidewater.id, req })
    // This instance drops the page only once the change has committed: a render before it would
    // read the old title and be kept.
    expect(store.has('/projects/tidewater')).toBe(true)
    await killTransaction(req)
    expect(await entries()).toEqual([])
    expect(store.has('/projects/tidewater')).toBe(true)
    expect((await project('tidewater')).title).not.toBe('Rolled back')
  })

  it('drops this instance’s pages as soon as the change commits', async () => {
    cachePage('/projects/tidewater', ['projects/tidewater', 'media'])
    cachePage('/blog', ['blog-posts'])
    const tidewater = await project('tidewater')
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await payload.update({ collection: 'projects', data: { summary: 'Committed summary' }, id: tidewater.id, req })
    expect(store.has('/projects/tidewater')).toBe(true)
    await commitTransaction(req)
    expect(store.has('/projects/tidewater')).toBe(false)
    expect(store.has('/blog')).toBe(true)
  })

  it('names `related` again once the indexing job has brought the index in line, and only if it changed', async () => {
    // The seed's own indexing first, so that what follows is one save's.
    await runIndexingJobs(payload)
    await payload.db.pool.query('delete from page_cache_invalidations')
    const tidewater = await project('tidewater')
    await payload.update({ collection: 'projects', data: { summary: 'Tide tables, retold by hand' }, id: tidewater.id })
    expect((await entries()).flat()).not.toContain(relatedTag)
    // A page rendered between the save and its indexing job showed the index as it was.
    cachePage('/projects/switchyard', ['projects/switchyard', relatedTag])
    cachePage('/blog', ['blog-posts'])
    await runIndexingJobs(payload)
    expect((await entries()).slice(1)).toEqual([[relatedTag]])
    expect(store.has('/projects/switchyard')).toBe(false)
    expect(store.has('/blog')).toBe(true)

    // Indexed again with nothing changed: no entry.
    await payload.db.pool.query('delete from page_cache_invalidations')
    await reindexEverything(payload)
    expect(await entries()).toEqual([])

    // A change the index holds but no page's related documents show (the profile is never one): no entry.
    await payload.updateGlobal({ data: { headline: 'Builds calm software, still' }, slug: 'profile' })
    await runIndexingJobs(payload)
    expect(await entries()).toEqual([['profile']])
  })
})

describe('the follower', () => {
  let follower: ReturnType<typeof followInvalidations>
  const logs: string[] = []

  beforeAll(async () => {
    // Another instance's store: it hears of changes only through the log.
    const { PageCacheStore } = await import('../../src/pageCache/pageCacheStore')
    const other = new PageCacheStore({ maxBytes: 10_000_000 })
    follower = followInvalidations({
      connectionString: process.env.DATABASE_URL!,
      intervalMs: 3_600_000,
      listen: false,
      log: (message) => logs.push(message),
      store: other,
    })
    await follower.ready
    otherStore = other
  })
  afterAll(async () => follower.close())

  let otherStore: PageCacheStore
  const cacheOther = (key: string, tags: string[]) => {
    otherStore.get(key)
    otherStore.set(key, { headers: { 'x-next-cache-tags': tags.join(',') }, html: key, kind: 'APP_PAGE' })
    expect(otherStore.has(key)).toBe(true)
  }

  it('caches only once it has read the log', () => {
    expect(otherStore.enabled).toBe(true)
  })

  it('drops the pages another instance’s change names, and only those', async () => {
    cacheOther('/projects/tidewater', ['projects/tidewater'])
    cacheOther('/blog', ['blog-posts'])
    const tidewater = await project('tidewater')
    await payload.update({ collection: 'projects', data: { summary: 'Seen elsewhere' }, id: tidewater.id })
    expect(otherStore.has('/projects/tidewater')).toBe(true) // not read yet
    await follower.read()
    expect(otherStore.has('/projects/tidewater')).toBe(false)
    expect(otherStore.has('/blog')).toBe(true)
  })

  it.skipIf(embedded)('sees an entry that commits after a later one was read (out of id order)', async () => {
    cacheOther('/a', ['tag-a'])
    cacheOther('/b', ['tag-b'])
    const early = new pg.Client({ connectionString: process.env.DATABASE_URL })
    const late = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await Promise.all([early.connect(), late.connect()])
    try {
      await early.query('begin')
      await early.query(`insert into page_cache_invalidations (tags) values (array['tag-a'])`)
      await late.query(`insert into page_cache_invalidations (tags) values (array['tag-b'])`)
      await follower.read()
      expect(otherStore.has('/b')).toBe(false)
      expect(otherStore.has('/a')).toBe(true)
      await early.query('commit')
      await follower.read()
      expect(otherStore.has('/a')).toBe(false)
      // Read again: nothing seen before is applied twice.
      cacheOther('/b', ['tag-b'])
      await follower.read()
      expect(otherStore.has('/b')).toBe(true)
    } finally {
      await Promise.all([early.end(), late.end()])
    }
  })

  it('leaves a page this instance rendered after its own change: it dropped it once already', async () => {
    const own = followInvalidations({
      connectionString: process.env.DATABASE_URL!,
      intervalMs: 3_600_000,
      listen: false,
      log: (message) => logs.push(message),
      store,
    })
    try {
      await own.ready
      cachePage('/projects/tidewater', ['projects/tidewater'])
      const tidewater = await project('tidewater')
      await payload.update({ collection: 'projects', data: { summary: 'Changed here' }, id: tidewater.id })
      expect(store.has('/projects/tidewater')).toBe(false)
      // Rendered again after the commit, with the new summary: reading its own entry keeps it.
      cachePage('/projects/tidewater', ['projects/tidewater'])
      await own.read()
      expect(store.has('/projects/tidewater')).toBe(true)
      // Another instance's change to the same page still drops it.
      await payload.db.pool.query(`insert into page_cache_invalidations (tags) values (array['projects/tidewater'])`)
      await own.read()
      expect(store.has('/projects/tidewater')).toBe(false)
    } finally {
      await own.close()
    }
  })

  it('drops everything for an entry naming every page (a migration ran)', async () => {
    cacheOther('/', ['profile'])
    cacheOther('/blog', ['blog-posts'])
    await recordEverythingChanged(payload)
    await follower.read()
    expect(otherStore.stats().entries).toBe(0)
  })

  it('stops caching while it cannot read the log, and starts from empty when it can again', async () => {
    cacheOther('/', ['profile'])
    await payload.db.pool.query('alter table page_cache_invalidations rename to page_cache_invalidations_away')
    try {
      // One failed read (a statement that waited behind a long transaction) changes nothing yet:
      // the next read starts where this one would have.
      await follower.read()
      expect(otherStore.enabled).toBe(true)
      await follower.read()
      await follower.read()
      expect(otherStore.enabled).toBe(false)
      expect(otherStore.get('/')).toBeNull()
      expect(logs.at(-1)).toMatch(/cannot read page_cache_invalidations .*not caching pages/)
    } finally {
      await payload.db.pool.query('alter table page_cache_invalidations_away rename to page_cache_invalidations')
    }
    await follower.read()
    expect(otherStore.enabled).toBe(true)
    expect(otherStore.stats().entries).toBe(0)
    cacheOther('/', ['profile'])
  })
})
