/**
 * The editors' digest, run as the job it is, delivered to a real SMTP server on loopback: exactly the
 * unanswered questions and thumbs-down since the last digest, to the users who may read the chat,
 * with links into the admin; nothing when nothing is new. Chat messages are stored directly (the chat
 * itself is tested elsewhere); one is moved back in time in the database.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'

import { editorDigestTask } from '../../src/email/editorDigestTask'
import { emailQueue } from '../../src/email/sendEmailTask'
import { useApiTest } from '../helpers/apiTest'
import { runEmailJobs } from '../helpers/emailJobs'
import { useSmtpServer } from '../helpers/smtpServer'

process.env.PUBLIC_URL = 'https://portfolio.test'
process.env.SITE_NAME = 'Folio Test Site'
process.env.EMAIL_RETRY_DELAY_MS = '20'

const smtp = useSmtpServer()

const test = useApiTest()

let sessionId: number
const message = async (question: string, extra: Record<string, unknown> = {}) => {
  const doc = await test.payload.create({
    collection: 'chat-messages',
    data: {
      answer: 'An answer.',
      publicId: randomUUID(),
      question,
      session: sessionId,
      unanswered: false,
      ...extra,
    } as never,
    overrideAccess: true,
  })
  return doc.id as number
}
const rateDown = (id: number, comment: string) =>
  test.payload.update({
    id,
    collection: 'chat-messages',
    data: { comment, rating: 'down', ratedAt: new Date().toISOString() } as never,
    overrideAccess: true,
  })

/** Runs the digest job (as the schedule would queue it) and the emails it queues; returns what arrived. */
async function runDigest() {
  const before = smtp.messages.length
  await test.payload.jobs.queue({ input: {}, queue: emailQueue, task: editorDigestTask } as never)
  await runEmailJobs(test.payload)
  return smtp.messages.slice(before)
}

const ids: Record<string, number> = {}
const link = (id: number) => `https://portfolio.test/admin/collections/chat-messages/${id}`

beforeAll(async () => {
  const session = await test.payload.create({
    collection: 'chat-sessions',
    data: { publicId: randomUUID() } as never,
    overrideAccess: true,
  })
  sessionId = session.id as number
  ids.unanswered = await message('Do you know Rust?', { answer: null, unanswered: true })
  ids.answered = await message('What is Tidewater?')
  ids.disliked = await message('What does Ledgerline do?')
  await rateDown(ids.disliked, 'Too vague')
  ids.liked = await message('Where are you based?', { rating: 'up', ratedAt: new Date().toISOString() })
  ids.old = await message('A question from last week?', { answer: null, unanswered: true })
  await test.payload.db.drizzle.execute(
    sql`update chat_messages set created_at = created_at - interval '3 days' where id = ${ids.old}`,
  )
})

describe('the editors digest', () => {
  it('sends each editor the new unanswered questions and negative feedback, linked into the admin', async () => {
    const received = await runDigest()
    expect(received.flatMap((email) => email.recipients).sort()).toEqual([
      'admin@example.com',
      'editor@example.com',
      'seed-admin@example.com',
    ])
    for (const email of received) {
      expect(email.subject).toMatch(/^Folio Test Site: 1 unanswered, 1 thumbs-down since /)
      for (const part of [email.html, email.text]) {
        expect(part).toContain('Do you know Rust?')
        expect(part).toContain(link(ids.unanswered))
        expect(part).toContain('What does Ledgerline do?')
        expect(part).toContain('Too vague')
        expect(part).toContain(link(ids.disliked))
        for (const left of ['What is Tidewater?', 'Where are you based?', 'A question from last week?'])
          expect(part).not.toContain(left)
      }
    }
    const digests = await test.payload.find({ collection: 'editor-digests', overrideAccess: true })
    expect(digests.docs.map((doc) => [doc.unanswered, doc.negativeFeedback, doc.recipients])).toEqual([[1, 1, 3]])
  })

  it('sends nothing when nothing is new', async () => {
    expect(await runDigest()).toEqual([])
    expect((await test.payload.count({ collection: 'editor-digests', overrideAccess: true })).totalDocs).toBe(1)
  })

  it('covers only what came after the last digest', async () => {
    ids.later = await message('Any plans for 2030?', { answer: null, unanswered: true })
    await rateDown(ids.answered, 'Wrong project')
    const received = await runDigest()
    expect(received).toHaveLength(3)
    const [email] = received
    expect(email.subject).toMatch(/: 1 unanswered, 1 thumbs-down since /)
    expect(email.text).toContain('Any plans for 2030?')
    expect(email.text).toContain(link(ids.later))
    expect(email.text).toContain('Wrong project')
    expect(email.text).toContain(link(ids.answered))
    for (const left of ['Do you know Rust?', 'What does Ledgerline do?']) expect(email.text).not.toContain(left)
  })

  it('queued twice for one tick (two workers scheduling at once), sends one digest', async () => {
    ids.twice = await message('Do you ship to Mars?', { answer: null, unanswered: true })
    const before = smtp.messages.length
    const digestsBefore = (await test.payload.count({ collection: 'editor-digests', overrideAccess: true })).totalDocs
    // What two workers' schedulers racing in the same second leave behind: two jobs, both due.
    for (let i = 0; i < 2; i++)
      await test.payload.jobs.queue({ input: {}, queue: emailQueue, task: editorDigestTask } as never)
    await runEmailJobs(test.payload)
    const received = smtp.messages.slice(before)
    expect(received.flatMap((email) => email.recipients).sort()).toEqual([
      'admin@example.com',
      'editor@example.com',
      'seed-admin@example.com',
    ])
    expect(received[0].text).toContain('Do you ship to Mars?')
    expect((await test.payload.count({ collection: 'editor-digests', overrideAccess: true })).totalDocs).toBe(
      digestsBefore + 1,
    )
    // Both jobs ran to completion, one after the other; the second found nothing new.
    const left = await test.payload.count({
      collection: 'payload-jobs',
      overrideAccess: true,
      where: { taskSlug: { equals: editorDigestTask } },
    })
    expect(left.totalDocs).toBe(0)
  })

  it('is scheduled on the email queue, daily by default', () => {
    const task = test.payload.config.jobs.tasks?.find((candidate) => candidate.slug === editorDigestTask)
    expect(task?.schedule).toEqual([expect.objectContaining({ cron: '0 0 7 * * *', queue: emailQueue })])
  })
})
