/**
 * Fault drills with real worker processes (`src/cli/worker.ts`): a worker killed with `kill -9` in the
 * middle of a bulk reindex, and the embeddings API down for a while. In both, the index ends up
 * matching the content exactly, with nobody stepping in.
 */
import { afterAll, afterEach, expect, it } from 'vitest'

import { compareIndex } from '../helpers/compareIndex'
import { unique } from '../helpers/fixtures'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { startOpenAIStandIn } from '../helpers/openaiStandIn'
import { getTestPayload } from '../helpers/payload'
import { startWorker, waitUntil, type WorkerProcess } from '../helpers/workerProcess'

const standIn = await startOpenAIStandIn()
Object.assign(process.env, {
  EMBEDDINGS_PROVIDER: 'openai',
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: standIn.url,
  OPENAI_MAX_RETRIES: '0',
})
let workers: WorkerProcess[] = []
afterEach(async () => {
  if (process.env.DEBUG_WORKERS) for (const worker of workers) console.log(worker.output())
  await Promise.all(workers.map((worker) => worker.kill()))
  workers = []
  standIn.reset()
})
afterAll(() => standIn.close())

const launch = (env: Record<string, string>) => {
  const worker = startWorker(env)
  workers.push(worker)
  return worker
}

const publishProject = async (summary: string) => {
  const payload = await getTestPayload()
  return payload.create({
    collection: 'projects',
    data: { _status: 'published', summary, title: unique('Lock keeper') },
    overrideAccess: true,
  })
}

it('finishes a bulk reindex whose worker was killed with kill -9, and the index then matches the content', async () => {
  const payload = await getTestPayload()
  // An index that the content has moved away from: stale chunks for edited, unpublished and
  // deleted documents, and many published documents never indexed (so the run takes several batches).
  const indexed = []
  for (let i = 0; i < 9; i++) indexed.push(await publishProject(`Indexed project ${i} about river locks.`))
  await runIndexingJobs(payload)
  for (const project of indexed.slice(0, 3))
    await payload.update({
      collection: 'projects',
      data: { summary: `Edited: ${project.summary} Now with weirs.` },
      id: project.id,
      overrideAccess: true,
    })
  for (const project of indexed.slice(3, 6))
    await payload.update({ collection: 'projects', data: { _status: 'draft' }, id: project.id, overrideAccess: true })
  for (const project of indexed.slice(6, 9))
    await payload.delete({ collection: 'projects', id: project.id, overrideAccess: true })
  for (let i = 0; i < 60; i++)
    await publishProject(`Project ${i} of the reindex drill, about canal boats and their locks.`)
  await payload.create({
    collection: 'projects',
    data: { _status: 'draft', summary: 'Never published.', title: unique('Draft') },
    overrideAccess: true,
  })
  await payload.delete({ collection: 'payload-jobs', overrideAccess: true, where: { queue: { equals: 'retrieval' } } })
  expect((await compareIndex(payload)).length).toBeGreaterThan(60)

  // Queued as POST /api/retrieval/reindex does; embedding is slow, so each batch of 25 takes a while.
  const run = await payload.create({ collection: 'retrieval-runs', data: { state: 'running' }, overrideAccess: true })
  await payload.jobs.queue({ input: { runId: String(run.id) }, queue: 'retrieval', task: 'retrievalReindexAll' })
  standIn.setDelay(1500)
  const readRun = () => payload.findByID({ collection: 'retrieval-runs', id: run.id, overrideAccess: true })
  const first = launch({ JOBS_LEASE_SECONDS: '3' })
  await waitUntil(async () => ((await readRun()).processed ?? 0) >= 25, 180_000, 'the first batch of the reindex')
  await first.kill()

  const interrupted = await readRun()
  expect(interrupted.state).toBe('running')
  expect(interrupted.processed).toBeLessThan(interrupted.total!)
  const { docs: stuck } = await payload.find({
    collection: 'payload-jobs',
    overrideAccess: true,
    where: { taskSlug: { equals: 'retrievalReindexAll' } },
  })
  expect(stuck.map((job) => job.processing)).toEqual([true])

  standIn.setDelay(0)
  const second = launch({ JOBS_LEASE_SECONDS: '3' })
  await waitUntil(async () => (await readRun()).state !== 'running', 180_000, 'the reindex to finish after the restart')
  await second.waitFor(/lost its runner/)

  const finished = await readRun()
  expect(finished).toMatchObject({ failed: 0, processed: finished.total, state: 'done' })
  expect((await payload.find({ collection: 'retrieval-runs', overrideAccess: true })).totalDocs).toBe(1)
  // The run is marked done inside the job; the job's row goes once its handler has returned.
  const reindexJobs = async () =>
    (
      await payload.count({
        collection: 'payload-jobs',
        overrideAccess: true,
        where: { taskSlug: { equals: 'retrievalReindexAll' } },
      })
    ).totalDocs
  await waitUntil(async () => (await reindexJobs()) === 0, 30_000, 'the finished reindex job to be removed')
  expect(await compareIndex(payload)).toEqual([])
  expect(await second.stop()).toBe(0)
}, 420_000)

it('accepts every save while the embeddings API is down, and the index converges after it recovers', async () => {
  const payload = await getTestPayload()
  await payload.delete({ collection: 'payload-jobs', overrideAccess: true, where: { queue: { equals: 'retrieval' } } })
  launch({ INDEX_RETRY_ATTEMPTS: '1', INDEX_RETRY_DELAY_MS: '200', INDEX_RETRY_FAILED_CRON: '*/3 * * * * *' })
  await workers[0].waitFor(/\[worker\] running queues/)

  standIn.failNext({ status: 503 }, 100_000)
  const saved: { id: number }[] = []
  for (let i = 0; i < 5; i++)
    saved.push(await publishProject(`Saved during the outage, number ${i}, about lock gates.`))
  const { docs: existing } = await payload.find({
    collection: 'projects',
    limit: 2,
    overrideAccess: true,
    where: { _status: { equals: 'published' }, id: { not_in: saved.map((doc) => doc.id) } },
  })
  for (const project of existing)
    saved.push(
      await payload.update({
        collection: 'projects',
        data: { summary: 'Rewritten while the API was down.' },
        id: project.id,
        overrideAccess: true,
      }),
    )
  expect(saved.every((doc) => doc.id)).toBe(true)

  const statuses = async () =>
    (
      await payload.find({
        collection: 'retrieval-status',
        limit: 0,
        overrideAccess: true,
        pagination: false,
        where: { source: { equals: 'projects' }, sourceId: { in: saved.map((doc) => String(doc.id)) } },
      })
    ).docs
  const states = async () =>
    (await statuses()).sort((a, b) => Number(a.sourceId) - Number(b.sourceId)).map((doc) => doc.state)
  // Every document's jobs give up (without the sweep it would stay failed), and the sweep queues it again.
  const seenFailed = new Set<string>()
  await waitUntil(
    async () => {
      for (const doc of await statuses()) if (doc.state === 'failed') seenFailed.add(doc.sourceId)
      return seenFailed.size === saved.length
    },
    180_000,
    'the indexing jobs to fail for good',
  )
  await workers[0].waitFor(/queued indexing again for \d+ failed/)
  expect(standIn.requests.filter((request) => request.status === 503).length).toBeGreaterThan(saved.length)

  standIn.reset()
  await waitUntil(
    async () => (await compareIndex(payload)).length === 0,
    180_000,
    'the index to converge after the outage',
  )
  expect(await states()).toEqual(saved.map(() => 'indexed'))
}, 420_000)
