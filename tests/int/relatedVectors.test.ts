/**
 * Related documents with a trained embedding model (an OpenAI-compatible one, the local stand-in
 * behind it): the nearest chunks to the document's own stored vectors, with no embedding call; the
 * same rules as offline (never the document itself, never a draft, 404 for a draft source); and the
 * lexical path when the document has no vector from the current model yet.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseOf } from '../../packages/payload-retrieval/src/store/database'
import { useApiTest } from '../helpers/apiTest'
import { findBySlug } from '../helpers/fixtures'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { startOpenAIStandIn } from '../helpers/openaiStandIn'

const standIn = await startOpenAIStandIn()
Object.assign(process.env, {
  CHAT_PROVIDER: 'extractive',
  EMBEDDINGS_PROVIDER: 'openai',
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: standIn.url,
})
afterAll(() => standIn.close())

type Result = { collection: string; id: string; score: number; snippet: string; title: string }
type Answer = { errors?: { message: string }[]; mode?: string; results: Result[] }

const test = useApiTest()
const editor = () => ({ as: test.actors.editor.credential })
const related = (collection: string, id: number | string, limit = 10) =>
  test.api.get<Answer>(`/api/related?collection=${collection}&id=${id}&limit=${limit}`)
const key = (result: Result) => `${result.collection}:${result.id}`

let kelp: string
let buoys: string
let draftOnly: string
beforeAll(async () => {
  const post = async (data: Record<string, unknown>) => {
    const created = await test.api.post('/api/blog-posts', data, editor())
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    return String(created.body.doc.id)
  }
  kelp = await post({
    _status: 'published',
    excerpt: 'Zephyrquill buoys measure salinity and kelp growth offshore; the telemetry reaches the harbour by radio.',
    title: 'Zephyrquill kelp telemetry',
  })
  buoys = await post({
    _status: 'published',
    excerpt: 'Buoys measure salinity beside the kelp lines offshore; their telemetry reaches the harbour by radio.',
    title: 'Salinity buoys for kelp',
  })
  draftOnly = await post({
    excerpt: 'Zephyrquill buoys measure salinity and kelp growth offshore; the telemetry reaches the harbour by radio.',
    title: 'Zephyrquill kelp telemetry, the draft',
  })
  const edit = await test.api.patch(
    `/api/blog-posts/${buoys}?draft=true`,
    { excerpt: 'Zephyrquill buoys measure salinity and kelp growth offshore DRAFTONLYWORDS.' },
    editor(),
  )
  expect(edit.status).toBe(200)
  await runIndexingJobs(test.payload)
  standIn.reset()
})

describe('related documents with a trained embedding model', () => {
  it("are the nearest chunks to the document's stored vectors, found without an embedding call", async () => {
    const { body, status } = await related('blog-posts', kelp)
    expect(status).toBe(200)
    expect(body.mode).toBe('vector')
    expect(body.results[0]).toMatchObject({ id: buoys, title: 'Salinity buoys for kelp' })
    for (const result of body.results) {
      // Cosine similarities.
      expect(result.score).toBeGreaterThan(-1)
      expect(result.score).toBeLessThanOrEqual(1)
    }
    const scores = body.results.map((result) => result.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    const documents = body.results.map(key)
    expect(new Set(documents).size).toBe(documents.length)
    expect(documents).not.toContain(`blog-posts:${kelp}`)
    expect(standIn.requests.filter((request) => request.path === '/v1/embeddings')).toHaveLength(0)
  })

  it('never show a draft, nor a newer draft version of a published document', async () => {
    const { body } = await related('blog-posts', kelp)
    expect(body.results.map(key)).not.toContain(`blog-posts:${draftOnly}`)
    expect(JSON.stringify(body)).not.toContain('DRAFTONLYWORDS')
    expect(body.results.map((result) => result.title)).not.toContain('Zephyrquill kelp telemetry, the draft')
    const draft = await related('blog-posts', draftOnly)
    expect(draft.status).toBe(404)
    expect(draft.body.errors?.[0].message).toBe(`No published document in "blog-posts" has the id "${draftOnly}".`)
  })

  it('drop a document as soon as it is unpublished', async () => {
    expect((await test.api.patch(`/api/blog-posts/${buoys}`, { _status: 'draft' }, editor())).status).toBe(200)
    expect((await related('blog-posts', kelp)).body.results.map(key)).not.toContain(`blog-posts:${buoys}`)
    expect((await test.api.patch(`/api/blog-posts/${buoys}`, { _status: 'published' }, editor())).status).toBe(200)
    await runIndexingJobs(test.payload)
  })

  it('come from the lexical path while the document has no vector from the current model', async () => {
    const tidewater = await findBySlug(test.payload, 'projects', 'tidewater')
    const db = databaseOf(test.payload)
    await db.execute(
      sql`update retrieval_chunks set model = 'openai:an-older-model' where source_slug = 'projects' and source_id = ${String(tidewater.id)}`,
    )
    try {
      const { body, status } = await related('projects', tidewater.id)
      expect(status).toBe(200)
      expect(body.mode).toBe('lexical')
      expect(body.results.length).toBeGreaterThan(0)
      expect(body.results.map(key)).not.toContain(`projects:${tidewater.id}`)
    } finally {
      await db.execute(
        sql`update retrieval_chunks set model = ${`openai:text-embedding-3-small`} where source_slug = 'projects' and source_id = ${String(tidewater.id)}`,
      )
    }
    expect((await related('projects', tidewater.id)).body.mode).toBe('vector')
  })
})
