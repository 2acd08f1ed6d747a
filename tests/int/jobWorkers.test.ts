/**
 * Several worker processes (`src/cli/worker.ts`, what `npm run worker` runs) on one database: every
 * job runs exactly once, and jobs that share a concurrency key never run side by side.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { databaseOf, queryRows } from '../../packages/payload-retrieval/src/store/database'
import { unique } from '../helpers/fixtures'
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
const workers: WorkerProcess[] = []
afterAll(async () => {
  if (process.env.DEBUG_WORKERS) for (const worker of workers) console.log(worker.output())
  await Promise.all(workers.map((worker) => worker.kill()))
  await standIn.close()
})

const documents = 24
const jobsPerDocument = 2

type Event = { at: string; event: 'claimed' | 'deleted' | 'ended'; job_id: number; key: string }

/*
 * Payload deletes a job once it completes, so the test records what happens to the job rows with a
 * trigger: every UPDATE that sets `processing` to true is a claim (a second claim of a running job
 * counts too), one that sets it to false ends a run, and a deletion marks a completed job.
 */
const recordJobEvents = sql`
  create table test_job_events (job_id integer, key varchar, task text, event text, at timestamptz default clock_timestamp());
  create function test_job_event() returns trigger language plpgsql as $$ begin
    if tg_op = 'DELETE' then insert into test_job_events (job_id, key, task, event) values (old.id, old.concurrency_key, old.task_slug, 'deleted'); return old; end if;
    insert into test_job_events (job_id, key, task, event) values (new.id, new.concurrency_key, new.task_slug, case when new.processing then 'claimed' else 'ended' end);
    return new;
  end $$;
  create trigger test_job_claims after update of processing on payload_jobs for each row execute function test_job_event();
  create trigger test_job_deletes after delete on payload_jobs for each row execute function test_job_event();`

beforeAll(async () => {
  const payload = await getTestPayload()
  for (let i = 0; i < documents; i++) {
    await payload.create({
      collection: 'projects',
      data: { _status: 'published', summary: `Project number ${i} moves freight by canal.`, title: unique('Canal') },
      overrideAccess: true,
    })
  }
  // The saves queued their own jobs; the test queues its own set instead, all runnable at one moment.
  await payload.delete({ collection: 'payload-jobs', overrideAccess: true, where: { queue: { equals: 'retrieval' } } })
  await databaseOf(payload).execute(recordJobEvents)
  standIn.setDelay(50)
  for (let i = 0; i < 3; i++) workers.push(startWorker())
  await Promise.all(workers.map((worker) => worker.waitFor(/\[worker\] running queues/)))
}, 240_000)

it('runs every job exactly once across three workers, one job per concurrency key at a time', async () => {
  const payload = await getTestPayload()
  const { docs: projects } = await payload.find({
    collection: 'projects',
    depth: 0,
    limit: documents,
    overrideAccess: true,
  })
  // Due a moment from now: every worker's once-a-second run finds them all runnable at the same time.
  const waitUntilDate = new Date(Date.now() + 1500).toISOString()
  for (let round = 0; round < jobsPerDocument; round++) {
    for (const project of projects) {
      const id = String(project.id)
      await payload.create({
        collection: 'payload-jobs',
        data: {
          concurrencyKey: `retrieval:projects:${id}`,
          input: { id, kind: 'collection', slug: 'projects' },
          queue: 'retrieval',
          taskSlug: 'retrievalIndexDocument',
          waitUntil: waitUntilDate,
        },
        overrideAccess: true,
      })
    }
  }
  // Payload deletes a job when it completes; one that failed for good would stay, with hasError.
  const left = async () =>
    (
      await payload.count({
        collection: 'payload-jobs',
        overrideAccess: true,
        where: { taskSlug: { equals: 'retrievalIndexDocument' } },
      })
    ).totalDocs
  await waitUntil(async () => (await left()) === 0, 240_000, 'the workers to finish every job')

  const events = await queryRows<Event>(
    databaseOf(payload),
    sql`select job_id, key, event, at::text from test_job_events where task = 'retrievalIndexDocument' order by at, job_id`,
  )
  const jobs = new Map<number, Event[]>()
  for (const event of events) jobs.set(event.job_id, [...(jobs.get(event.job_id) ?? []), event])
  expect(jobs.size).toBe(documents * jobsPerDocument)
  for (const [id, history] of jobs) {
    // Claimed once, run once, completed: a job claimed by two workers would show two claims.
    expect({ id, history: history.map((event) => event.event) }).toEqual({
      id,
      history: ['claimed', 'ended', 'deleted'],
    })
  }

  const byKey = new Map<string, Event[]>()
  for (const event of events)
    if (event.event !== 'deleted') byKey.set(event.key, [...(byKey.get(event.key) ?? []), event])
  expect(byKey.size).toBe(documents)
  for (const [key, history] of byKey) {
    // In time order, one key's events alternate: a run of that key ends before the next is claimed.
    expect({ history: history.map((event) => event.event), key }).toEqual({
      history: Array.from({ length: jobsPerDocument }, () => ['claimed', 'ended']).flat(),
      key,
    })
  }

  // The work was shared: more than one worker ran jobs (a first claim takes at most 20 of the 24 keys).
  expect(workers.filter((worker) => /Running \d+ jobs/.test(worker.output())).length).toBeGreaterThan(1)
  const codes = await Promise.all(workers.map((worker) => worker.stop()))
  expect(codes).toEqual([0, 0, 0])
  for (const worker of workers) expect(worker.output()).toContain('[worker] stopped')
}, 300_000)
