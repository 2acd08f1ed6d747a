import { type ReindexProgress, reindexEverything } from '@askfolio/payload-retrieval'
/**
 * Bulk reindexing (function, endpoints, job) and the per-document admin endpoints, with the OpenAI
 * embedder against the local stand-in.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { findBySlug, unique } from '../helpers/fixtures'
import { chunkRows, runIndexingJobs, unfinishedJobs } from '../helpers/indexingJobs'
import { startOpenAIStandIn } from '../helpers/openaiStandIn'

const standIn = await startOpenAIStandIn()
Object.assign(process.env, {
  EMBEDDINGS_PROVIDER: 'openai',
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: standIn.url,
  OPENAI_MAX_RETRIES: '0',
})
afterAll(() => standIn.close())

const test = useApiTest()
beforeAll(async () => {
  // Start from an index that the hooks have not filled: the seed's indexing jobs are dropped.
  await test.payload.delete({
    collection: 'payload-jobs',
    overrideAccess: true,
    where: { queue: { equals: 'retrieval' } },
  })
})
beforeEach(() => standIn.reset())

const runs = async () =>
  (await test.payload.find({ collection: 'retrieval-runs', overrideAccess: true, sort: 'createdAt' })).docs

describe('reindexing everything', () => {
  it('indexes every published document in batches, and embeds nothing the second time', async () => {
    const progress: ReindexProgress[] = []
    const first = await reindexEverything(test.payload, { batchSize: 5, onProgress: (p) => progress.push({ ...p }) })
    expect(first.failed).toBe(0)
    expect(first.processed).toBe(first.total)
    expect(first.embedded).toBeGreaterThan(40)
    expect(standIn.embeddedTexts()).toHaveLength(first.embedded)
    expect(progress.map((p) => p.processed)).toEqual([
      0,
      ...Array.from({ length: Math.ceil(first.total / 5) }, (_, i) => Math.min((i + 1) * 5, first.total)),
    ])
    const rows = await chunkRows(test.payload)
    expect(rows.length).toBe(first.embedded)
    expect(JSON.stringify(rows)).not.toMatch(/BLUE HERON|PURPLE OTTER/)

    standIn.reset()
    const second = await reindexEverything(test.payload, { batchSize: 5 })
    expect(second.embedded).toBe(0)
    expect(standIn.embeddedTexts()).toEqual([])
    expect(await chunkRows(test.payload)).toEqual(rows)
    expect((await runs()).map((run) => run.state)).toEqual(['done', 'done'])
  })

  it('resumes an interrupted run after its cursor', async () => {
    const complete = await reindexEverything(test.payload, { batchSize: 100 })
    const interrupted = await test.payload.create({
      collection: 'retrieval-runs',
      data: { cursor: 'projects:2', processed: 0, state: 'running' },
      overrideAccess: true,
    })
    const progress: ReindexProgress[] = []
    const resumed = await reindexEverything(test.payload, { onProgress: (p) => progress.push({ ...p }) })
    expect(resumed.runId).toBe(interrupted.id)
    expect(progress[0].processed).toBeGreaterThan(0)
    expect(progress[0].processed).toBeLessThan(complete.total)
    expect(resumed.processed).toBe(complete.total)
    expect(
      (await test.payload.findByID({ collection: 'retrieval-runs', id: interrupted.id, overrideAccess: true })).state,
    ).toBe('done')
  })

  it('removes chunks of documents that no longer exist, and indexes what the queue missed', async () => {
    const as = test.actors.editor.credential
    const gone = await test.api.post(
      '/api/projects',
      { _status: 'published', summary: 'Soon deleted.', title: unique('Ephemeral') },
      { as },
    )
    await runIndexingJobs(test.payload)
    expect(await chunkRows(test.payload, { id: gone.body.doc.id, slug: 'projects' })).toHaveLength(1)

    // Delete it and lose the job that would have cleaned up (a crashed worker, say).
    await test.api.delete(`/api/projects/${gone.body.doc.id}`, { as })
    const missed = await test.api.post(
      '/api/projects',
      { _status: 'published', summary: 'Never indexed by a job.', title: unique('Missed') },
      { as },
    )
    await test.payload.delete({
      collection: 'payload-jobs',
      overrideAccess: true,
      where: { queue: { equals: 'retrieval' } },
    })

    await reindexEverything(test.payload)
    expect(await chunkRows(test.payload, { id: gone.body.doc.id, slug: 'projects' })).toEqual([])
    expect(await chunkRows(test.payload, { id: missed.body.doc.id, slug: 'projects' })).toHaveLength(1)
  })

  it('records documents whose embeddings fail, and carries on with the rest', async () => {
    const as = test.actors.editor.credential
    const one = await test.api.post(
      '/api/skills',
      { category: 'tool', description: 'Terminal multiplexing.', name: unique('tmux') },
      { as },
    )
    await test.payload.delete({
      collection: 'payload-jobs',
      overrideAccess: true,
      where: { queue: { equals: 'retrieval' } },
    })
    standIn.failNext({ status: 500 }, 2) // the batch call, then the document's own retry
    const result = await reindexEverything(test.payload)
    expect(result.failed).toBe(1)
    const status = await test.api.get(`/api/retrieval/status?collection=skills&id=${one.body.doc.id}`, { as })
    expect(status.body).toMatchObject({ state: 'failed' })
    expect(status.body.error).toMatch(/500/)
  })
})

describe('the reindex endpoints', () => {
  it('let only admins start a run, which a job carries out, with its progress readable', async () => {
    expect(
      (await test.api.request('POST', '/api/retrieval/reindex', { as: test.actors.editor.credential })).status,
    ).toBe(403)
    expect((await test.api.request('POST', '/api/retrieval/reindex')).status).toBe(403)

    const started = await test.api.request('POST', '/api/retrieval/reindex', { as: test.actors.admin.credential })
    expect(started.status).toBe(202)
    expect(started.body.run.state).toBe('running')
    const again = await test.api.request('POST', '/api/retrieval/reindex', { as: test.actors.admin.credential })
    expect(again.status).toBe(409)

    await runIndexingJobs(test.payload)
    const latest = await test.api.get('/api/retrieval/reindex', { as: test.actors.editor.credential })
    expect(latest.body.run).toMatchObject({ id: started.body.run.id, state: 'done' })
    expect(latest.body.run.processed).toBe(latest.body.run.total)
    // The documents per state, as the index view shows them, agree with the status rows.
    for (const state of ['indexed', 'not-indexed', 'pending', 'failed']) {
      const { totalDocs } = await test.payload.count({
        collection: 'retrieval-status',
        where: { state: { equals: state } },
      })
      expect(latest.body.states[state]).toBe(totalDocs)
    }
    expect(latest.body.states.indexed).toBeGreaterThan(0)
    expect((await test.api.get('/api/retrieval/reindex')).status).toBe(403)
  })
})

describe('the per-document endpoints', () => {
  it('re-queue one document for users who may edit it, and refuse bad requests', async () => {
    const project = await findBySlug(test.payload, 'projects', 'quarry')
    const post = (body: unknown, as = test.actors.editor.credential) =>
      test.api.request('POST', '/api/retrieval/requeue', { as, body: body as object })

    expect((await post({ collection: 'projects', id: project.id })).status).toBe(202)
    expect(
      (await unfinishedJobs(test.payload)).some(
        (job) => (job.input as { id: string; slug: string }).id === String(project.id),
      ),
    ).toBe(true)

    expect((await post({ collection: 'projects', id: project.id }, null)).status).toBe(403)
    expect((await post({ collection: 'projects', id: project.id }, test.actors.viewer.credential)).status).toBe(403)
    const bad = [
      [await post({ collection: 'users', id: 1 }), 400, /not an indexed collection/],
      [await post({ collection: 'projects' }), 400, /"id" is required/],
      [await post({ global: 'nope' }), 400, /not an indexed global/],
      [await post({ collection: 'projects', id: 999999 }), 404, /No projects document/],
      [
        await test.api.request('POST', '/api/retrieval/requeue', {
          as: test.actors.editor.credential,
          body: '{"collection": ',
          headers: { 'Content-Type': 'application/json' },
        }),
        400,
        /Invalid JSON/,
      ],
    ] as const
    for (const [res, status, message] of bad) {
      expect(res.status).toBe(status)
      expect(res.body.errors[0].message).toMatch(message)
    }
    await runIndexingJobs(test.payload)
  })

  it('show index states to editors only', async () => {
    const project = await findBySlug(test.payload, 'projects', 'quarry')
    const path = `/api/retrieval/status?collection=projects&id=${project.id}`
    expect((await test.api.get(path, { as: test.actors.editor.credential })).body).toMatchObject({
      pending: false,
      state: 'indexed',
    })
    expect((await test.api.get(path)).status).toBe(403)
    expect((await test.api.get('/api/retrieval-status?limit=1')).status).toBe(403)
    expect(
      (await test.api.get('/api/retrieval-status?limit=1', { as: test.actors.viewer.credential })).body.docs,
    ).toHaveLength(1)
  })
})
