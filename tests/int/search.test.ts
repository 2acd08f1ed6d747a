/**
 * GET /api/search over HTTP, against the seeded site indexed by the real pipeline: the response's
 * shape, highlighting, grouping, collection filters, bad input, and what must never come back.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { beforeAll, describe, expect, it } from 'vitest'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { searchIndex } from '../../packages/payload-retrieval/src/search/searchIndex'
import { databaseOf, queryRows } from '../../packages/payload-retrieval/src/store/database'
import { useApiTest } from '../helpers/apiTest'
import { findBySlug } from '../helpers/fixtures'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { rawRequest } from '../helpers/rawRequest'
import { textIndexDifferences } from '../helpers/textIndexDifferences'

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
const search = async (params: Record<string, string>) => {
  const response = await test.api.get<{ errors?: { message: string }[]; results: Result[] }>(
    `/api/search?${new URLSearchParams(params)}`,
  )
  return response
}

describe('GET /api/search', () => {
  it('finds the document about the words asked, with its URL and a highlighted snippet', async () => {
    const { body, status } = await search({ q: 'idempotent webhooks retries' })
    expect(status).toBe(200)
    const [first] = body.results
    expect(Object.keys(first).sort()).toEqual([
      'collection',
      'heading',
      'id',
      'page',
      'score',
      'snippet',
      'title',
      'url',
    ])
    expect(first).toMatchObject({
      collection: 'blog-posts',
      title: 'Designing idempotent webhooks',
      url: '/blog/designing-idempotent-webhooks',
    })
    expect(first.snippet).toMatch(/<mark>(idempotent|webhooks?|retry\w*)<\/mark>/i)
    expect(first.score).toBeGreaterThan(0)
    // Scores come sorted, and each document appears once however many of its chunks match.
    expect(body.results.map((result) => result.score)).toEqual(
      [...body.results.map((result) => result.score)].sort((a, b) => b - a),
    )
    const documents = body.results.map((result) => `${result.collection}:${result.id}`)
    expect(new Set(documents).size).toBe(documents.length)
  })

  it('escapes the content in snippets, leaving only its own <mark> tags', async () => {
    const { body } = await search({ q: 'tide stations' })
    expect(body.results.length).toBeGreaterThan(0)
    for (const { snippet } of body.results) expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  })

  it('filters by collection inside the query, so a low-ranked collection still fills its results', async () => {
    const everywhere = await search({ limit: '50', q: 'PostgreSQL' })
    const kinds = everywhere.body.results.map((result) => result.collection)
    expect(kinds.indexOf('skills')).toBeGreaterThan(0) // projects and posts outrank the skill itself

    const skills = await search({ collection: 'skills', limit: '1', q: 'PostgreSQL' })
    expect(skills.body.results).toEqual([
      expect.objectContaining({ collection: 'skills', title: 'PostgreSQL', url: '/skills/postgresql' }),
    ])

    const two = await search({ collection: 'projects,blog-posts', limit: '3', q: 'PostgreSQL' })
    expect(two.body.results).toHaveLength(3)
    for (const result of two.body.results) expect(['projects', 'blog-posts']).toContain(result.collection)
  })

  it('honours the limit and answers an unknown word with no results', async () => {
    expect((await search({ limit: '2', q: 'PostgreSQL' })).body.results).toHaveLength(2)
    expect(await search({ q: 'xylophonist' })).toMatchObject({ body: { results: [] }, status: 200 })
  })

  it.each([
    [{}, /"q"/],
    [{ q: '   ' }, /"q"/],
    [{ q: 'x'.repeat(501) }, /at most 500/],
    [{ limit: '0', q: 'tide' }, /"limit"/],
    [{ limit: '51', q: 'tide' }, /"limit"/],
    [{ limit: 'ten', q: 'tide' }, /"limit"/],
    [{ limit: '2.5', q: 'tide' }, /"limit"/],
    [{ collection: 'users', q: 'tide' }, /"users" is not searchable/],
    [{ collection: 'projects,audit-logs', q: 'tide' }, /"audit-logs" is not searchable/],
    [{ collection: 'chat-messages', q: 'tide' }, /not searchable/],
    [{ q: 'tide\u0000stations' }, /control characters/],
    [{ q: 'tide\u001b[0m' }, /control characters/],
  ])('rejects %o with a 400 that says why', async (params, message) => {
    const response = await search(params as Record<string, string>)
    expect(response.status).toBe(400)
    expect(response.body.errors?.[0].message).toMatch(message)
  })
})

describe('request bodies', () => {
  it('refuses a body over 64 KB (a POST overriding its method to GET) with 413', async () => {
    const big = `q=tide&padding=${'x'.repeat(65 * 1024)}`
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-HTTP-Method-Override': 'GET' }
    const refused = await rawRequest(test.server.url, '/api/search', { headers, length: big.length, pieces: [big] })
    expect(refused.status).toBe(413)
    expect(refused.body.errors[0].message).toBe('The body may be at most 64 KB.')
    const small = 'q=tide'
    expect(
      (await rawRequest(test.server.url, '/api/search', { headers, length: small.length, pieces: [small] })).status,
    ).toBe(200)
  })
})

describe('what search never returns', () => {
  it('draft-only documents, draft edits of published ones, private fields and accounts', async () => {
    const tidewater = await findBySlug(test.payload, 'projects', 'tidewater')
    const edit = await test.api.patch(
      `/api/projects/${tidewater.id}?draft=true`,
      { summary: 'PELICAN CROSSING pricing for marinas' },
      { as: test.actors.editor.credential },
    )
    expect(edit.status).toBe(200)
    await runIndexingJobs(test.payload)

    const probes = [
      'BLUE HERON',
      'Harbourmaster berth booking marinas',
      'PURPLE OTTER talk',
      'Vectors in the database you already run',
      'PELICAN CROSSING',
      'SALT MARSH invoice sailing federation 12,000 euros',
      'seed-admin@example.com',
      'editor@example.com',
      'Writes and edits their own drafts',
      'audit log create update',
      'chat session',
    ]
    for (const q of probes) {
      const { body, status } = await search({ limit: '50', q })
      expect(status).toBe(200)
      const text = JSON.stringify(body)
      for (const secret of [
        'BLUE HERON',
        'Harbourmaster',
        'PURPLE OTTER',
        'Vectors in the database',
        'PELICAN',
        'SALT MARSH',
        '12,000 euros',
        '@example.com',
        'Cannot publish',
      ]) {
        expect(text, `searching "${q}"`).not.toContain(secret)
      }
    }
    // The published Tidewater is still found by its published words.
    expect((await search({ q: 'tide-table API' })).body.results[0]).toMatchObject({ title: 'Tidewater' })
  })
})

describe('the full-text index', () => {
  it('stays equal to what the chunks hold after edits, unpublishing and deletes (postings, frequencies, totals)', async () => {
    const as = test.actors.editor.credential
    const ledgerline = await findBySlug(test.payload, 'projects', 'ledgerline')
    const post = await findBySlug(test.payload, 'blog-posts', 'why-i-keep-a-decision-log')
    expect(
      (
        await test.api.patch(
          `/api/projects/${ledgerline.id}`,
          { summary: 'Double-entry books, reconciled nightly, rewritten summary' },
          { as },
        )
      ).status,
    ).toBe(200)
    expect((await test.api.patch(`/api/blog-posts/${post.id}`, { _status: 'draft' }, { as })).status).toBe(200)
    const skill = await findBySlug(test.payload, 'skills', 'docker')
    expect((await test.api.delete(`/api/skills/${skill.id}`, { as })).status).toBe(200)
    await runIndexingJobs(test.payload)

    const db = databaseOf(test.payload)
    expect(await textIndexDifferences(db)).toEqual([])
    const [stored] = await queryRows<{ chunks: number }>(db, sql`select count(*)::int as chunks from retrieval_chunks`)
    expect(stored.chunks).toBeGreaterThan(20)
  })
})

describe('with no embedding model (the offline default)', () => {
  it('stores no vectors, embeds nothing, answers from full text, and refuses a vector search with a reason', async () => {
    const context = getRetrievalContext(test.payload)
    expect(context.embedder).toBeUndefined()
    const [stored] = await queryRows<{ chunks: number; models: string[]; vectors: number }>(
      databaseOf(test.payload),
      sql`
      select count(*)::int as chunks, count(embedding)::int as vectors, array_agg(distinct model) as models from retrieval_chunks`,
    )
    expect(stored.chunks).toBeGreaterThan(20)
    expect(stored).toMatchObject({ models: ['none'], vectors: 0 })
    const { docs } = await test.payload.find({
      collection: 'retrieval-status',
      limit: 200,
      overrideAccess: true,
      where: { state: { equals: 'indexed' } },
    })
    expect(docs.length).toBeGreaterThan(5)
    expect(docs.map((doc) => doc.embedded)).toEqual(docs.map(() => 0))

    const hits = await searchIndex(test.payload, context, 'idempotent webhooks retries', { mode: 'hybrid' })
    expect(hits[0]).toMatchObject({ similarity: null, title: 'Designing idempotent webhooks' })
    await expect(searchIndex(test.payload, context, 'idempotent webhooks', { mode: 'vector' })).rejects.toThrow(
      /needs an embedding model/,
    )
  })
})
