import type { ChatInsights } from '@askfolio/payload-chat'

/**
 * GET /api/chat/insights over HTTP, on real chat traffic: questions asked through /api/chat (offline
 * extractive model, seeded and indexed site) and feedback through /api/chat/feedback. Two messages are
 * moved back in time in the database, to test the days and the range.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import { beforeAll, describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { storedChatMessage } from '../helpers/chatMessages'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { rawRequest } from '../helpers/rawRequest'

process.env.CHAT_PROVIDER = 'extractive'

const test = useApiTest()
type Answer = {
  answer: string
  messageId: string
  sessionId: string
  sources: { collection: string; id: string; title: string; url: string }[]
}

const ask = async (message: string): Promise<Answer> => {
  const { body, status } = await test.api.post<Answer>('/api/chat', { message })
  expect(status, message).toBe(200)
  return body
}
const rate = async (messageId: string, rating: 'down' | 'up', comment?: string) => {
  const response = await test.api.post('/api/chat/feedback', { comment, messageId, rating })
  expect(response.status).toBe(200)
}
const backdate = (messageId: string, days: number) =>
  test.payload.db.drizzle.execute(
    sql`update chat_messages set created_at = created_at - make_interval(days => ${days}) where public_id = ${messageId}`,
  )
const insights = async (query = '', as = test.actors.admin.credential) =>
  test.api.get<ChatInsights>(`/api/chat/insights${query}`, { as })
const utcDay = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

const asked: Record<string, Answer> = {}

beforeAll(async () => {
  await runIndexingJobs(test.payload)
  asked.tidewater = await ask('What database does Tidewater use?')
  asked.ledgerline = await ask('Tell me about Ledgerline')
  asked.carbonara = await ask('Give me a recipe for carbonara?')
  asked.carbonaraAgain = await ask('give me a RECIPE   for carbonara.')
  asked.sourdough = await ask('How do I bake sourdough bread?')
  asked.old = await ask('What is Switchyard?')
  await rate(asked.tidewater.messageId, 'up')
  await rate(asked.ledgerline.messageId, 'down', 'Too vague: which bank uses it?')
  await backdate(asked.sourdough.messageId, 3)
  await backdate(asked.old.messageId, 40)
})

describe('GET /api/chat/insights', () => {
  it('counts the questions, the unanswered ones and the feedback of the last 30 days', async () => {
    // The traffic is what the test expects of it.
    expect(asked.tidewater.sources.length).toBeGreaterThan(0)
    expect(asked.ledgerline.sources.length).toBeGreaterThan(0)
    for (const name of ['carbonara', 'carbonaraAgain', 'sourdough']) expect(asked[name].sources, name).toEqual([])

    const { body, headers, status } = await insights()
    expect(status).toBe(200)
    expect(headers.get('cache-control')).toBe('no-store')
    expect(Object.keys(body).sort()).toEqual([
      'days',
      'engagement',
      'from',
      'negativeFeedback',
      'perDay',
      'to',
      'topSources',
      'topUnanswered',
      'totals',
    ])
    expect(body.days).toBe(30)
    expect(body.totals).toEqual({
      failed: 0,
      questions: 5,
      rated: { down: 1, up: 1 },
      unanswered: 3,
      unansweredRate: 0.6,
    })
    expect(body.from).toBe(`${utcDay(-29)}T00:00:00.000Z`)
    expect(Date.parse(body.to)).toBeLessThanOrEqual(Date.now())
  })

  it('lists every day of the range, oldest first, zero-filled, in UTC', async () => {
    const { body } = await insights()
    expect(body.perDay).toHaveLength(30)
    expect(body.perDay[0].day).toBe(utcDay(-29))
    expect(body.perDay.at(-1)).toEqual({ day: utcDay(), questions: 4, unanswered: 2 })
    expect(body.perDay.at(-4)).toEqual({ day: utcDay(-3), questions: 1, unanswered: 1 })
    const quiet = body.perDay.filter((day) => day.day !== utcDay() && day.day !== utcDay(-3))
    expect(quiet).toHaveLength(28)
    for (const day of quiet) expect(day).toMatchObject({ questions: 0, unanswered: 0 })
    // Consecutive days.
    for (let i = 1; i < body.perDay.length; i++)
      expect(Date.parse(body.perDay[i].day) - Date.parse(body.perDay[i - 1].day)).toBe(86_400_000)
  })

  it('groups unanswered questions by their normalised text, most asked first', async () => {
    const { body } = await insights()
    expect(body.topUnanswered).toHaveLength(2)
    expect(body.topUnanswered[0]).toMatchObject({ count: 2, question: 'give me a RECIPE   for carbonara.' })
    expect(body.topUnanswered[1]).toMatchObject({ count: 1, question: 'How do I bake sourdough bread?' })
    const stored = await storedChatMessage(test.payload, asked.carbonaraAgain.messageId)
    expect(body.topUnanswered[0].lastAskedAt).toBe(new Date(stored.createdAt).toISOString())
  })

  it('lists the thumbs-down with its comment and a link to the message in the admin', async () => {
    const { body } = await insights()
    const stored = await storedChatMessage(test.payload, asked.ledgerline.messageId)
    expect(body.negativeFeedback).toHaveLength(1)
    const [entry] = body.negativeFeedback
    expect(entry).toMatchObject({
      adminUrl: `/admin/collections/chat-messages/${stored.id}`,
      comment: 'Too vague: which bank uses it?',
      id: stored.id,
      messageId: asked.ledgerline.messageId,
      question: 'Tell me about Ledgerline',
      ratedAt: new Date(stored.ratedAt!).toISOString(),
      sessionId: typeof stored.session === 'object' ? stored.session.id : stored.session,
    })
    expect(entry.answer.length).toBeLessThanOrEqual(301)
    expect(asked.ledgerline.answer.startsWith(entry.answer.replace(/…$/, ''))).toBe(true)
  })

  it('counts the sources the answers cited, once per answer', async () => {
    const { body } = await insights()
    const tidewater = body.topSources.find((source) => source.title === 'Tidewater')
    expect(tidewater).toMatchObject({ citations: 1, collection: 'projects', url: asked.tidewater.sources[0].url })
    expect(body.topSources.find((source) => source.title === 'Ledgerline')).toMatchObject({
      citations: 1,
      collection: 'projects',
    })
    // Only answered questions of the range: the 40-day-old answer about Switchyard is out.
    expect(body.topSources.map((source) => source.title)).not.toContain('Switchyard')
    const counts = body.topSources.map((source) => source.citations)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
  })

  it('narrows and widens with days', async () => {
    const week = (await insights('?days=3')).body
    expect(week.perDay.map((day) => day.day)).toEqual([utcDay(-2), utcDay(-1), utcDay()])
    expect(week.totals).toMatchObject({ questions: 4, unanswered: 2 })
    expect(week.topUnanswered.map((row) => row.count)).toEqual([2])

    const quarter = (await insights('?days=90')).body
    expect(quarter.perDay).toHaveLength(90)
    expect(quarter.totals).toMatchObject({ questions: 6, unanswered: 3 })
    expect(quarter.perDay.find((day) => day.day === utcDay(-40))).toEqual({
      day: utcDay(-40),
      questions: 1,
      unanswered: 0,
    })
    expect(quarter.topSources.map((source) => source.title)).toContain('Switchyard')

    const today = (await insights('?days=1')).body
    expect(today.perDay).toEqual([{ day: utcDay(), questions: 4, unanswered: 2 }])
  })

  it('refuses bad days with a 400', async () => {
    for (const days of ['0', 'abc', '1000', '366', '-1', '1.5', '']) {
      const response = await insights(`?days=${days}`)
      expect(response.status, days).toBe(400)
      expect(response.body).toEqual({ errors: [{ message: '"days" must be a whole number from 1 to 365.' }] })
    }
    expect((await insights('?days=365')).status).toBe(200)
  })

  it('is for those who may read the chat messages: admins and editors', async () => {
    const { actors } = test
    expect((await insights('', actors.editor.credential)).status).toBe(200)
    for (const actor of [actors.anonymous, actors.author, actors.viewer]) {
      const response = await insights('', actor.credential)
      expect(response.status, actor.name).toBe(403)
      expect(response.body).toEqual({ errors: [{ message: 'You are not allowed to read the chat insights.' }] })
    }
  })
})

describe('source links in the insights', () => {
  it('never come from the Host a visitor sent, and only http(s) or site paths are given out', async () => {
    // Without PUBLIC_URL, a forged Host and X-Forwarded-Proto once became the stored links.
    const forged = await rawRequest(test.server.url, '/api/chat', {
      headers: { 'Content-Type': 'application/json', Host: 'evil.example', 'X-Forwarded-Proto': 'javascript' },
      pieces: [JSON.stringify({ message: 'Tell me about Ledgerline' })],
    })
    expect(forged.status).toBe(200)
    expect(forged.body.sources[0].url).toBe('/projects/ledgerline')
    const stored = (await storedChatMessage(test.payload, forged.body.messageId)).sources as { url: string }[]
    expect(stored.map((source) => source.url)).toEqual(forged.body.sources.map((source: { url: string }) => source.url))
    for (const source of stored) expect(source.url).toMatch(/^\/[a-z]/)
    expect((await insights()).body.topSources.find((source) => source.title === 'Ledgerline')).toMatchObject({
      url: '/projects/ledgerline',
    })

    // A link stored by an older version is not passed on unless it is http(s).
    const old = await ask('What is Tidewater built with?')
    await test.payload.db.drizzle.execute(
      sql`update chat_messages set sources = jsonb_set(sources, '{0,url}', '"javascript://evil.example/%0aalert(1)"') where public_id = ${old.messageId}`,
    )
    expect((await insights()).body.topSources.find((source) => source.title === 'Tidewater')).toMatchObject({ url: '' })
  })
})
