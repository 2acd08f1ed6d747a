/**
 * GET /api/related and `findRelated` offline (no embedding model: BM25 for the document's own most
 * distinctive words), over the seeded site indexed by the real pipeline: the answer's shape, one
 * chunk per document, never the document itself, never a draft's text, a document gone from the
 * answer as soon as visitors cannot read it, 404 for a source visitors cannot read, and bad input.
 * (The rate limit is in rateLimits.test.ts, the vector path in relatedVectors.test.ts.)
 */
import { findRelated, hasControlCharacters } from '@askfolio/payload-retrieval'
import { beforeAll, describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { findBySlug } from '../helpers/fixtures'
import { runIndexingJobs } from '../helpers/indexingJobs'

const test = useApiTest()
beforeAll(async () => runIndexingJobs(test.payload))

type Result = {
  collection: string
  heading: string
  id: string
  score: number
  snippet: string
  title: string
  url: string
}
type Answer = { errors?: { message: string }[]; mode?: string; results: Result[] }

const related = (params: Record<string, number | string>) =>
  test.api.get<Answer>(
    `/api/related?${new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]))}`,
  )
const editor = () => ({ as: test.actors.editor.credential })
const key = (result: Pick<Result, 'collection' | 'id'>) => `${result.collection}:${result.id}`

async function publishPost(title: string, excerpt: string): Promise<string> {
  const created = await test.api.post('/api/blog-posts', { _status: 'published', excerpt, title }, editor())
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return String(created.body.doc.id)
}

describe('GET /api/related', () => {
  it('answers the closest published documents with the chunk that made each related, never the document itself', async () => {
    const webhooks = await findBySlug(test.payload, 'blog-posts', 'designing-idempotent-webhooks')
    const { body, status } = await related({ collection: 'blog-posts', id: webhooks.id })
    expect(status).toBe(200)
    expect(body.mode).toBe('lexical')
    // Three by default.
    expect(body.results).toHaveLength(3)
    for (const result of body.results) {
      expect(Object.keys(result).sort()).toEqual(['collection', 'heading', 'id', 'score', 'snippet', 'title', 'url'])
      expect(key(result)).not.toBe(`blog-posts:${webhooks.id}`)
      expect(result.score).toBeGreaterThan(0)
      expect(result.title).toBeTruthy()
      expect(result.url).toMatch(/^\//)
      // The chunk's excerpt as plain text: what the site prints as it is.
      expect(result.snippet.length).toBeGreaterThan(20)
      expect(result.snippet).not.toMatch(/[<>]/)
      expect(hasControlCharacters(result.snippet)).toBe(false)
    }
    // Testing is what the post and its closest neighbour share.
    expect(body.results[0]).toMatchObject({ collection: 'blog-posts', title: 'Writing tests that can fail' })

    const all = await related({ collection: 'blog-posts', id: webhooks.id, limit: 10 })
    expect(all.body.results.length).toBeGreaterThan(3)
    expect(all.body.results.length).toBeLessThanOrEqual(10)
    const documents = all.body.results.map(key)
    expect(new Set(documents).size).toBe(documents.length)
    expect(documents).not.toContain(`blog-posts:${webhooks.id}`)
    const scores = all.body.results.map((result) => result.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    // Profile (a global) is never a related document.
    expect(all.body.results.map((result) => result.collection)).not.toContain('profile')
    expect(all.body.results.slice(0, 3)).toEqual(body.results)
  })

  it('is the same answer as `findRelated`, which can keep to some collections', async () => {
    const tidewater = await findBySlug(test.payload, 'projects', 'tidewater')
    const { body } = await related({ collection: 'projects', id: tidewater.id, limit: 5 })
    const direct = await findRelated(test.payload, { collection: 'projects', id: tidewater.id, limit: 5 })
    expect(direct).toEqual(body.results)

    const pages = await findRelated(test.payload, {
      collection: 'projects',
      collections: ['projects', 'blog-posts'],
      id: tidewater.id,
      limit: 10,
    })
    expect(pages!.length).toBeGreaterThan(2)
    for (const result of pages!) expect(['projects', 'blog-posts']).toContain(result.collection)
    expect(pages!.map(key)).not.toContain(`projects:${tidewater.id}`)
    // A document visitors cannot read has none.
    const draft = await findBySlug(test.payload, 'projects', 'harbourmaster')
    expect(await findRelated(test.payload, { collection: 'projects', id: draft.id })).toBeNull()
  })
})

describe('what related documents never show', () => {
  let kelp: string
  let buoys: string
  let bread: string
  let draftOnly: string
  beforeAll(async () => {
    kelp = await publishPost(
      'Zephyrquill kelp telemetry',
      'Zephyrquill buoys measure salinity and kelp growth offshore, and the telemetry reaches the harbour by radio.',
    )
    buoys = await publishPost(
      'Salinity buoys for kelp farms',
      'Buoys that log salinity beside kelp lines, and what their telemetry taught us about offshore radio.',
    )
    bread = await publishPost(
      'Sourdough hydration',
      'Sourdough loaves rise better at high hydration with a cold proof.',
    )
    // A published post with a draft that shares the kelp post's words, and a post that is only a draft.
    const edit = await test.api.patch(
      `/api/blog-posts/${bread}?draft=true`,
      { excerpt: 'Zephyrquill kelp telemetry buoys salinity offshore radio DRAFTONLYWORDS.' },
      editor(),
    )
    expect(edit.status).toBe(200)
    const draft = await test.api.post(
      '/api/blog-posts',
      { excerpt: 'Zephyrquill kelp telemetry buoys salinity offshore radio UNPUBLISHEDWORDS.', title: 'Kelp draft' },
      editor(),
    )
    draftOnly = String(draft.body.doc.id)
    await runIndexingJobs(test.payload)
  })

  it("a draft's text, whether the draft is a document's newer version or the whole document", async () => {
    const { body, status } = await related({ collection: 'blog-posts', id: kelp, limit: 10 })
    expect(status).toBe(200)
    // A chunk this short is its own excerpt.
    expect(body.results[0]).toMatchObject({
      id: buoys,
      snippet: 'Buoys that log salinity beside kelp lines, and what their telemetry taught us about offshore radio.',
      title: 'Salinity buoys for kelp farms',
    })
    const text = JSON.stringify(body)
    expect(text).not.toContain('DRAFTONLYWORDS')
    expect(text).not.toContain('UNPUBLISHEDWORDS')
    expect(body.results.map(key)).not.toContain(`blog-posts:${draftOnly}`)
    // The published post whose draft shares the words is related by its published text only: none of it.
    expect(body.results.map(key)).not.toContain(`blog-posts:${bread}`)
    // And its own neighbours come from its published text, which shares nothing with the kelp posts.
    const fromBread = await related({ collection: 'blog-posts', id: bread, limit: 10 })
    expect(fromBread.status).toBe(200)
    expect(fromBread.body.results.map(key)).not.toContain(`blog-posts:${kelp}`)
    expect(fromBread.body.results.map(key)).not.toContain(`blog-posts:${buoys}`)
  })

  it('a document unpublished or trashed, at once, before its indexing job has run', async () => {
    const before = await related({ collection: 'blog-posts', id: kelp })
    expect(before.body.results.map(key)).toContain(`blog-posts:${buoys}`)

    // Unpublished: gone before the index hears of it, and after.
    expect((await test.api.patch(`/api/blog-posts/${buoys}`, { _status: 'draft' }, editor())).status).toBe(200)
    expect((await related({ collection: 'blog-posts', id: kelp })).body.results.map(key)).not.toContain(
      `blog-posts:${buoys}`,
    )
    await runIndexingJobs(test.payload)
    expect((await related({ collection: 'blog-posts', id: kelp })).body.results.map(key)).not.toContain(
      `blog-posts:${buoys}`,
    )

    // Published again, it is back; trashed, gone again.
    expect((await test.api.patch(`/api/blog-posts/${buoys}`, { _status: 'published' }, editor())).status).toBe(200)
    await runIndexingJobs(test.payload)
    expect((await related({ collection: 'blog-posts', id: kelp })).body.results[0].id).toBe(buoys)
    const trashed = await test.api.patch(`/api/blog-posts/${buoys}`, { deletedAt: new Date().toISOString() }, editor())
    expect(trashed.status).toBe(200)
    expect((await related({ collection: 'blog-posts', id: kelp })).body.results.map(key)).not.toContain(
      `blog-posts:${buoys}`,
    )
    await runIndexingJobs(test.payload)
    expect((await related({ collection: 'blog-posts', id: kelp })).body.results.map(key)).not.toContain(
      `blog-posts:${buoys}`,
    )
    // A trashed source is not found either.
    expect((await related({ collection: 'blog-posts', id: buoys })).status).toBe(404)
  })

  it('the neighbours of a draft: its id answers 404 exactly as an id that does not exist', async () => {
    const missing = await related({ collection: 'blog-posts', id: 999999 })
    expect(missing.status).toBe(404)
    const seededDraft = await findBySlug(test.payload, 'projects', 'harbourmaster')
    for (const [collection, id] of [
      ['blog-posts', draftOnly],
      ['projects', seededDraft.id],
    ] as const) {
      const answer = await related({ collection, id })
      expect(answer.status).toBe(404)
      expect(answer.body).toEqual({
        errors: [{ message: `No published document in "${collection}" has the id "${id}".` }],
      })
      expect(JSON.stringify(answer.body)).not.toMatch(/Harbourmaster|Kelp draft|UNPUBLISHED/i)
    }
    expect(missing.body).toEqual({
      errors: [{ message: 'No published document in "blog-posts" has the id "999999".' }],
    })
  })

  it('a published document not indexed yet: 404 that says so', async () => {
    const fresh = await publishPost('Tide tables by hand', 'Reading tide tables without an app.')
    const answer = await related({ collection: 'blog-posts', id: fresh })
    expect(answer.status).toBe(404)
    expect(answer.body.errors?.[0].message).toMatch(/not in the search index yet/)
    await runIndexingJobs(test.payload)
    expect((await related({ collection: 'blog-posts', id: fresh })).status).toBe(200)
  })
})

describe('bad input', () => {
  it.each([
    [{}, 400, /"collection"/],
    [{ collection: ' ', id: 1 }, 400, /"collection"/],
    [{ collection: 'projects' }, 400, /"id"/],
    [{ collection: 'projects', id: ' ' }, 400, /"id"/],
    [{ collection: 'projects', id: 'abc' }, 400, /"id" must be a positive whole number/],
    [{ collection: 'projects', id: '0' }, 400, /"id" must be a positive whole number/],
    [{ collection: 'projects', id: '1.5' }, 400, /"id" must be a positive whole number/],
    [{ collection: 'projects', id: '1\u0000' }, 400, /"id"/],
    [{ collection: 'projects', id: '9'.repeat(16) }, 400, /"id"/],
    [{ collection: 'projects', id: 1, limit: 0 }, 400, /"limit" must be a whole number from 1 to 10/],
    [{ collection: 'projects', id: 1, limit: 11 }, 400, /"limit"/],
    [{ collection: 'projects', id: 1, limit: 'ten' }, 400, /"limit"/],
    [{ collection: 'projects', id: 1, limit: '2.5' }, 400, /"limit"/],
    [
      { collection: 'users', id: 1 },
      404,
      /"users" is not an indexed collection; try blog-posts, faq, documents, projects, skills/,
    ],
    [{ collection: 'roles', id: 1 }, 404, /not an indexed collection/],
    [{ collection: 'profile', id: 'profile' }, 404, /not an indexed collection/],
    [{ collection: 'nothing', id: 1 }, 404, /not an indexed collection/],
  ])('answers %o with %i and a message that says why', async (params, status, message) => {
    const response = await related(params as Record<string, string>)
    expect(response.status).toBe(status)
    expect(response.body.errors?.[0].message).toMatch(message)
  })
})
