/**
 * Indexing published content, end to end on the real database and the real jobs queue, with the
 * OpenAI embedder pointed at a local stand-in that counts what it embeds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { createLocalEmbedder } from '../../packages/payload-retrieval/src/embedders/localEmbedder'
import { inspectChunkStore } from '../../packages/payload-retrieval/src/store/inspectChunkStore'
import { markdownToRichText } from '../../src/seed/markdownToRichText'
import { useApiTest } from '../helpers/apiTest'
import { findBySlug, unique } from '../helpers/fixtures'
import { chunkRows, runIndexingJobs, unfinishedJobs } from '../helpers/indexingJobs'
import { startOpenAIStandIn } from '../helpers/openaiStandIn'

const standIn = await startOpenAIStandIn()
Object.assign(process.env, {
  EMBEDDINGS_PROVIDER: 'openai',
  INDEX_RETRY_ATTEMPTS: '2',
  INDEX_RETRY_DELAY_MS: '50',
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: standIn.url,
  OPENAI_MAX_RETRIES: '0',
})
afterAll(() => standIn.close())

const test = useApiTest()
beforeAll(async () => runIndexingJobs(test.payload))
beforeEach(() => standIn.reset())

const status = async (source: string, id: number | string) =>
  (await test.api.get(`/api/retrieval/status?collection=${source}&id=${id}`, { as: test.actors.editor.credential }))
    .body

describe('indexing the seeded site', () => {
  it('indexes published documents, with titles, URLs and heading paths, and nothing else', async () => {
    const post = await findBySlug(test.payload, 'blog-posts', 'designing-idempotent-webhooks')
    const rows = await chunkRows(test.payload, { id: post.id, slug: 'blog-posts' })
    expect(rows.length).toBeGreaterThanOrEqual(4)
    expect(new Set(rows.map((row) => row.title))).toEqual(new Set(['Designing idempotent webhooks']))
    expect(new Set(rows.map((row) => row.url))).toEqual(new Set(['/blog/designing-idempotent-webhooks']))
    expect(rows.map((row) => row.heading)).toEqual(
      expect.arrayContaining(['', 'Record the event before acting on it', 'Test the duplicate path']),
    )
    expect(rows.some((row) => row.text.includes('```typescript\nawait db.transaction'))).toBe(true)
    expect(rows.every((row) => row.model === 'openai:text-embedding-3-small')).toBe(true)
    expect((await status('blog-posts', post.id)).state).toBe('indexed')

    const project = await findBySlug(test.payload, 'projects', 'ledgerline')
    const projectText = (await chunkRows(test.payload, { id: project.id, slug: 'projects' }))
      .map((row) => row.text)
      .join('\n')
    expect(projectText).toContain('1. The web app is a Next.js site')
    expect(projectText).toContain('Built with: PostgreSQL, Next.js, React, TypeScript')
    expect(projectText).toContain('Source code: https://github.com/example-maya/ledgerline')

    const all = await chunkRows(test.payload)
    expect(new Set(all.map((row) => row.source_slug))).toEqual(
      new Set(['blog-posts', 'documents', 'profile', 'projects', 'skills']),
    )
  })

  it('never stores draft text, private fields or anybody’s email', async () => {
    const text = JSON.stringify(await chunkRows(test.payload))
    for (const secret of [
      'BLUE HERON',
      'PURPLE OTTER',
      'Harbourmaster',
      'SALT MARSH',
      '12,000 euros',
      '@example.com',
    ]) {
      expect(text).not.toContain(secret)
    }
    const draft = await findBySlug(test.payload, 'projects', 'harbourmaster')
    expect((await status('projects', draft.id)).state).toBe('not-indexed')
  })

  it('indexes the profile global', async () => {
    const res = await test.api.post(
      '/api/globals/profile',
      { headline: 'Platform engineer who writes migrations that never lock' },
      { as: test.actors.editor.credential },
    )
    expect(res.status).toBe(200)
    await runIndexingJobs(test.payload)
    const rows = await chunkRows(test.payload, { id: 'profile', slug: 'profile' })
    const text = rows.map((row) => row.text).join('\n')
    expect(rows[0]).toMatchObject({ title: 'About Maya Lindqvist', url: '/' })
    expect(text).toContain('Platform engineer who writes migrations that never lock')
    expect(text).toContain('Based in: Lisbon, Portugal')
    expect(text).toContain('github: https://github.com/example-maya')
    const global = await test.api.get('/api/retrieval/status?global=profile', { as: test.actors.editor.credential })
    expect(global.body.state).toBe('indexed')
  })
})

describe('changes', () => {
  it('re-embeds only the chunk of an edited paragraph in a long post', async () => {
    const richText = await markdownToRichText(test.payload.config)
    const sections = (five: string) =>
      Array.from(
        { length: 30 },
        (_, i) =>
          `## Part ${i + 1}\n\n${i === 4 ? five : `Part ${i + 1} covers its own topic in enough words to stand alone as a passage.`}`,
      ).join('\n\n')
    const created = await test.api.post(
      '/api/blog-posts',
      {
        _status: 'published',
        content: richText(sections('The fifth part starts out saying one thing.')),
        title: unique('Thirty parts'),
      },
      { as: test.actors.editor.credential },
    )
    await runIndexingJobs(test.payload)
    const before = await chunkRows(test.payload, { id: created.body.doc.id, slug: 'blog-posts' })
    expect(before).toHaveLength(30)
    expect(standIn.embeddedTexts()).toHaveLength(30)

    standIn.reset()
    await test.api.patch(
      `/api/blog-posts/${created.body.doc.id}`,
      { content: richText(sections('The fifth part now says something else entirely.')) },
      { as: test.actors.editor.credential },
    )
    await runIndexingJobs(test.payload)
    expect(standIn.embeddedTexts()).toEqual([
      expect.stringContaining('The fifth part now says something else entirely.'),
    ])
    const after = await chunkRows(test.payload, { id: created.body.doc.id, slug: 'blog-posts' })
    expect(after.map((row) => row.heading)).toEqual(before.map((row) => row.heading))
    expect(after.filter((row, i) => row.text !== before[i].text).map((row) => row.heading)).toEqual(['Part 5'])
  })

  it('keeps the published chunks when a draft is saved over them', async () => {
    const post = await findBySlug(test.payload, 'blog-posts', 'writing-tests-that-can-fail')
    const before = await chunkRows(test.payload, { id: post.id, slug: 'blog-posts' })
    const res = await test.api.patch(
      `/api/blog-posts/${post.id}?draft=true`,
      { excerpt: 'UNRELEASED DRAFT WORDING' },
      { as: test.actors.editor.credential },
    )
    expect(res.status).toBe(200)
    await runIndexingJobs(test.payload)
    expect(await chunkRows(test.payload, { id: post.id, slug: 'blog-posts' })).toEqual(before)
    expect(standIn.embeddedTexts()).toEqual([])
  })

  it('removes chunks on unpublish, trash and delete, and brings them back on publish and restore', async () => {
    const as = test.actors.editor.credential
    const created = await test.api.post(
      '/api/projects',
      { _status: 'published', summary: 'A lighthouse keeper scheduling tool.', title: unique('Beacon') },
      { as },
    )
    const id = created.body.doc.id
    const count = async () => (await chunkRows(test.payload, { id, slug: 'projects' })).length
    await runIndexingJobs(test.payload)
    expect(await count()).toBe(1)

    await test.api.patch(`/api/projects/${id}`, { _status: 'draft' }, { as })
    await runIndexingJobs(test.payload)
    expect(await count()).toBe(0)
    expect((await status('projects', id)).state).toBe('not-indexed')

    await test.api.patch(`/api/projects/${id}`, { _status: 'published' }, { as })
    await runIndexingJobs(test.payload)
    expect(await count()).toBe(1)

    await test.api.patch(`/api/projects/${id}`, { deletedAt: new Date().toISOString() }, { as })
    await runIndexingJobs(test.payload)
    expect(await count()).toBe(0)
    await test.api.patch(`/api/projects/${id}?trash=true`, { deletedAt: null }, { as })
    await runIndexingJobs(test.payload)
    expect(await count()).toBe(1)

    expect((await test.api.delete(`/api/projects/${id}`, { as })).status).toBe(200)
    await runIndexingJobs(test.payload)
    expect(await count()).toBe(0)
    expect((await status('projects', id)).state).toBeUndefined() // the document itself is gone: 404
  })

  it('collapses a burst of autosaves into one job per document', async () => {
    const post = await findBySlug(test.payload, 'blog-posts', 'why-i-keep-a-decision-log')
    for (let i = 0; i < 8; i++) {
      const res = await test.api.patch(
        `/api/blog-posts/${post.id}?draft=true&autosave=true`,
        { excerpt: `typing ${i}` },
        { as: test.actors.editor.credential },
      )
      expect(res.status).toBe(200)
    }
    const jobs = (await unfinishedJobs(test.payload)).filter(
      (job) => (job.input as { id: string }).id === String(post.id),
    )
    expect(jobs).toHaveLength(1)
    await runIndexingJobs(test.payload)
  })

  it('queues nothing for a write that fails', async () => {
    const before = (await unfinishedJobs(test.payload)).length
    const res = await test.api.post(
      '/api/projects',
      { slug: 'tidewater', title: 'Duplicate' },
      { as: test.actors.editor.credential },
    )
    expect(res.status).toBe(400)
    expect(await unfinishedJobs(test.payload)).toHaveLength(before)
  })
})

describe('failures', () => {
  it('an embedder that fails twice, then recovers, ends indexed; the failure shows meanwhile', async () => {
    const project = await findBySlug(test.payload, 'projects', 'switchyard')
    standIn.failNext({ status: 500 }, 2)
    const saved = await test.api.patch(
      `/api/projects/${project.id}`,
      { summary: 'Feature flags with a full audit trail and instant rollback.' },
      { as: test.actors.editor.credential },
    )
    expect(saved.status).toBe(200)

    await test.payload.jobs.run({ queue: 'retrieval' })
    const retrying = await status('projects', project.id)
    expect(retrying).toMatchObject({ pending: true, state: 'pending' })
    expect(retrying.error).toMatch(/Attempt 1 of 3 failed, retrying: .*500/)

    await runIndexingJobs(test.payload)
    expect(await status('projects', project.id)).toMatchObject({ error: null, pending: false, state: 'indexed' })
    const text = (await chunkRows(test.payload, { id: project.id, slug: 'projects' })).map((row) => row.text).join('\n')
    expect(text).toContain('instant rollback')
  })

  it('an embedder that always fails leaves the document saved and marked failed, until it is re-queued', async () => {
    const project = await findBySlug(test.payload, 'projects', 'fieldnotes')
    standIn.failNext({ status: 503 }, 10)
    const saved = await test.api.patch(
      `/api/projects/${project.id}`,
      { summary: 'Offline notes that sync when the boat is back in port.' },
      { as: test.actors.editor.credential },
    )
    expect(saved.status).toBe(200)
    expect(saved.body.doc.summary).toBe('Offline notes that sync when the boat is back in port.')

    await runIndexingJobs(test.payload)
    const failed = await status('projects', project.id)
    expect(failed).toMatchObject({ pending: false, state: 'failed' })
    expect(failed.error).toMatch(/503/)
    expect(failed.error).not.toMatch(/retrying/)

    standIn.reset()
    const requeued = await test.api.post(
      '/api/retrieval/requeue',
      { collection: 'projects', id: project.id },
      { as: test.actors.editor.credential },
    )
    expect(requeued.status).toBe(202)
    await runIndexingJobs(test.payload)
    expect((await status('projects', project.id)).state).toBe('indexed')
  })

  it('detects an embedder whose vectors do not fit the store, and says how to fix it', async () => {
    const context = getRetrievalContext(test.payload)
    const report = await inspectChunkStore(test.payload, {
      ...context,
      embedder: createLocalEmbedder({ dimensions: 512 }),
    })
    expect(report.problem).toMatch(/stores 1536-dimension vectors, but the embedder local:hashed-words-v2 makes 512/)
    expect(report.problem).toMatch(/reindexEverything\(payload\)/)
    expect(report.problem).not.toMatch(/npm run|docs\//)
    expect(report.otherModels).toEqual([])
    const fine = await inspectChunkStore(test.payload, context)
    expect(fine.problem).toBeUndefined()
  })
})
