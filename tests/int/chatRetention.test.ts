import { pruneChatSessionsTask } from '@askfolio/payload-chat'
/**
 * Visitors' conversations expire (CHAT_RETENTION_DAYS, default 180): the chat plugin's scheduled job,
 * run as the schedule would queue it, deletes every session last active longer ago than that, with
 * its messages and feedback, in batches, and keeps the rest. Timestamps are moved back in the
 * database rather than waited for.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'

delete process.env.CHAT_RETENTION_DAYS

const test = useApiTest({ actors: false })
const queue = 'chat'
const execute = (query: ReturnType<typeof sql>) => test.payload.db.drizzle.execute(query)

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()

/** A session with `count` messages (the last one rated), started `startedDaysAgo` and last active `activeDaysAgo`. */
async function conversation(
  label: string,
  {
    activeDaysAgo,
    count = 2,
    startedDaysAgo,
  }: { activeDaysAgo: null | number; count?: number; startedDaysAgo: number },
) {
  const session = await test.payload.create({
    collection: 'chat-sessions',
    data: { messageCount: count, publicId: randomUUID() } as never,
    overrideAccess: true,
  })
  for (let index = 0; index < count; index++) {
    await test.payload.create({
      collection: 'chat-messages',
      data: {
        answer: 'An answer.',
        comment: index === count - 1 ? `${label}: not helpful` : null,
        publicId: randomUUID(),
        question: `${label} question ${index}`,
        rating: index === count - 1 ? 'down' : null,
        session: session.id,
      } as never,
      overrideAccess: true,
    })
  }
  const lastMessageAt = activeDaysAgo === null ? null : daysAgo(activeDaysAgo)
  await execute(
    sql`update chat_sessions set created_at = ${daysAgo(startedDaysAgo)}, last_message_at = ${lastMessageAt} where id = ${session.id}`,
  )
  await execute(
    sql`update chat_messages set created_at = ${daysAgo(activeDaysAgo ?? startedDaysAgo)} where session_id = ${session.id}`,
  )
  return session.id as number
}

const sessionIds = async () =>
  (
    await test.payload.find({ collection: 'chat-sessions', depth: 0, overrideAccess: true, pagination: false })
  ).docs.map((doc) => doc.id)
const questions = async () =>
  (
    await test.payload.find({ collection: 'chat-messages', depth: 0, overrideAccess: true, pagination: false })
  ).docs.map((doc) => (doc as unknown as { question: string }).question)

/**
 * Queues the job as the schedule does (`jobs` times, as several runners' schedulers may) and runs
 * the chat queue from as many runners at once; answers the jobs left over (a finished job is deleted).
 */
async function runPruning(jobs = 1) {
  const queued = []
  for (let index = 0; index < jobs; index++)
    queued.push(await test.payload.jobs.queue({ input: {}, queue, task: pruneChatSessionsTask } as never))
  // Each run claims what it can; the exclusive key keeps the jobs from overlapping, so a later run picks up the rest.
  await Promise.all(queued.map(() => test.payload.jobs.run({ limit: 10, queue })))
  await test.payload.jobs.run({ limit: 10, queue })
  const left = await test.payload.find({
    collection: 'payload-jobs',
    depth: 0,
    overrideAccess: true,
    where: { id: { in: queued.map((job) => job.id) } },
  })
  return left.docs
}

const ids: Record<string, number> = {}

beforeAll(async () => {
  ids.old = await conversation('old', { activeDaysAgo: 200, startedDaysAgo: 210 })
  ids.silent = await conversation('silent', { activeDaysAgo: null, count: 0, startedDaysAgo: 181 })
  ids.longRunning = await conversation('long-running', { activeDaysAgo: 3, startedDaysAgo: 400 })
  ids.recent = await conversation('recent', { activeDaysAgo: 1, startedDaysAgo: 1 })
  ids.youngSilent = await conversation('young-silent', { activeDaysAgo: null, count: 0, startedDaysAgo: 10 })
})

describe('chat retention', () => {
  it('is scheduled on the chat queue, with an exclusive concurrency key', () => {
    const task = test.payload.config.jobs.tasks!.find((candidate) => candidate.slug === pruneChatSessionsTask)!
    expect(task.schedule?.map((entry) => entry.queue)).toEqual([queue])
    expect(task.concurrency).toMatchObject({ exclusive: true })
  })

  it('deletes sessions last active over 180 days ago with their messages and feedback, and keeps the rest', async () => {
    expect(await runPruning()).toEqual([])

    const left = await sessionIds()
    expect(left).not.toContain(ids.old)
    expect(left).not.toContain(ids.silent)
    expect(left).toEqual(expect.arrayContaining([ids.longRunning, ids.recent, ids.youngSilent]))
    const text = JSON.stringify(await questions())
    expect(text).not.toContain('old question')
    expect(text).toContain('long-running question')
    expect(text).toContain('recent question')
    const { totalDocs } = await test.payload.count({
      collection: 'chat-messages',
      overrideAccess: true,
      where: { comment: { like: 'old:' } },
    })
    expect(totalDocs).toBe(0)
  })

  it('works through many sessions in batches, with several jobs queued at once', async () => {
    // 1,200 stale sessions of two messages each: more than two of the job's 500-session rounds.
    await execute(sql`
      insert into chat_sessions (public_id, message_count, last_message_at, created_at, updated_at)
      select 'bulk-' || n, 2, now() - interval '365 days', now() - interval '366 days', now() from generate_series(1, 1200) as n`)
    await execute(sql`
      insert into chat_messages (public_id, session_id, question, answer, created_at, updated_at)
      select 'bulk-' || s.id || '-' || m, s.id, 'bulk question', 'An answer.', now() - interval '365 days', now()
      from chat_sessions s, generate_series(1, 2) as m where s.public_id like 'bulk-%'`)

    expect(await runPruning(2)).toEqual([])

    const { totalDocs: bulk } = await test.payload.count({
      collection: 'chat-sessions',
      overrideAccess: true,
      where: { publicId: { like: 'bulk-' } },
    })
    expect(bulk).toBe(0)
    expect(await questions()).not.toContain('bulk question')
    expect(await sessionIds()).toEqual(expect.arrayContaining([ids.longRunning, ids.recent, ids.youngSilent]))
  })
})
