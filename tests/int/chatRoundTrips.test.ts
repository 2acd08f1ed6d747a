/**
 * How many statements (round trips to PostgreSQL) a search and a chat question make, counted on the
 * Payload pool, with upper bounds a change that adds one fails; and what the fewer statements must
 * still guarantee: concurrent questions on one session each count, and a refused question changes
 * neither the session nor its messages.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../src/seed/seed'
import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { statementLog } from '../helpers/statementLog'

const windowSeconds = 5
const perSession = 5
Object.assign(process.env, {
  CHAT_PROVIDER: 'extractive',
  CHAT_RATE_LIMIT_PER_IP: '100',
  CHAT_RATE_LIMIT_PER_SESSION: String(perSession),
  RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
})

const test = useApiTest({ actors: false })
let log: ReturnType<typeof statementLog>
beforeAll(async () => {
  await seed(test.payload, { adminEmail: 'seed-admin@example.com', adminPassword: password, quiet: true })
  await runIndexingJobs(test.payload)
  log = statementLog(test.payload)
})

type Answer = { errors?: { message: string }[]; messageId: string; sessionId: string }
const ask = (message: string, sessionId?: string) =>
  test.api.post<Answer>('/api/chat', sessionId ? { message, sessionId } : { message })

/** The statements `run` made, listed in the failure message when there are more than `most`. */
async function expectAtMost(most: number, run: () => Promise<unknown>) {
  const statements = await log.during(run)
  expect(
    statements.length,
    statements.map((text, i) => `${i + 1}. ${text.slice(0, 160)}`).join('\n'),
  ).toBeLessThanOrEqual(most)
  return statements
}

const sessionOf = async (publicId: string) => {
  const { docs } = await test.payload.find({
    collection: 'chat-sessions',
    depth: 0,
    overrideAccess: true,
    where: { publicId: { equals: publicId } },
  })
  return docs[0]
}
const messagesOf = async (sessionId: number) =>
  (
    await test.payload.find({
      collection: 'chat-messages',
      depth: 0,
      overrideAccess: true,
      pagination: false,
      sort: 'createdAt',
      where: { session: { equals: sessionId } },
    })
  ).docs

/** Waits for a fresh rate-limit window, so a test's requests all fall in one. */
const nextWindow = () =>
  new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000)) + 20))

describe('round trips', () => {
  it('a search: the rate limit, the word gate (words not seen for a minute), full text, snippets', async () => {
    const search = () => test.api.get('/api/search?q=zero%20downtime%20migrations')
    const first = await expectAtMost(4, async () => expect((await search()).body.results.length).toBeGreaterThan(0))
    expect(first[0]).toMatch(/rate_limits/)
    // The gate's word frequencies are remembered, so the same words again cost one statement less.
    await expectAtMost(3, search)
  })

  it('a first question: the rate limit, the search, and one statement for the session and its message', async () => {
    let sessionId = ''
    const statements = await expectAtMost(5, async () => {
      const { body, status } = await ask('What database does Tidewater use?')
      expect(status).toBe(200)
      sessionId = body.sessionId
    })
    // No transaction, no session lookup, no history, no re-read of what was written.
    expect(statements.filter((text) => /^(begin|commit)/i.test(text))).toEqual([])
    expect(statements.filter((text) => /chat_sessions|chat_messages/.test(text))).toHaveLength(1)

    const session = await sessionOf(sessionId)
    const [message] = await messagesOf(session.id)
    expect(session.messageCount).toBe(1)
    expect(session.lastMessageAt).toBe(message.createdAt)
    expect(message.question).toBe('What database does Tidewater use?')
  })

  it('a follow-up: one rate-limit statement, the session with its history, the search, one write', async () => {
    const first = await ask('Tell me about Ledgerline')
    const statements = await expectAtMost(6, async () => {
      const { body, status } = await ask('Which language is it written in?', first.body.sessionId)
      expect(status).toBe(200)
      expect(body.sessionId).toBe(first.body.sessionId)
    })
    expect(statements.filter((text) => /rate_limits/.test(text))).toHaveLength(1)
    expect(statements.filter((text) => /chat_sessions|chat_messages/.test(text))).toHaveLength(2)

    const session = await sessionOf(first.body.sessionId)
    const messages = await messagesOf(session.id)
    expect(session.messageCount).toBe(2)
    expect(session.lastMessageAt).toBe(messages[1].createdAt)
    // The follow-up was searched with the history it was given.
    expect(messages[1].query).toBe('Tell me about Ledgerline Which language is it written in?')
  })
})

describe('what the fewer statements keep', () => {
  it('counts every one of concurrent questions on one session', async () => {
    await nextWindow()
    const first = await ask('What is Tidewater?')
    const followUps = await Promise.all(
      Array.from({ length: perSession }, (_, i) => ask(`Question ${i} about Tidewater`, first.body.sessionId)),
    )
    expect(followUps.map((response) => response.status)).toEqual(Array(perSession).fill(200))

    const session = await sessionOf(first.body.sessionId)
    const messages = await messagesOf(session.id)
    expect(messages).toHaveLength(perSession + 1)
    expect(session.messageCount).toBe(perSession + 1)
    const latest = messages
      .map((message) => message.createdAt)
      .sort()
      .at(-1)
    expect(session.lastMessageAt).toBe(latest)
  })

  it('leaves the session and its messages as they were when a question is refused', async () => {
    await nextWindow()
    const first = await ask('What is Ledgerline?')
    for (let i = 0; i < perSession; i++)
      expect((await ask(`More on Ledgerline ${i}`, first.body.sessionId)).status).toBe(200)
    const before = await sessionOf(first.body.sessionId)
    const messages = await messagesOf(before.id)

    const refused = await expectAtMost(1, async () =>
      expect((await ask('One more about Ledgerline', first.body.sessionId)).status).toBe(429),
    )
    expect(refused[0]).toMatch(/rate_limits/)
    expect(await sessionOf(first.body.sessionId)).toEqual(before)
    expect(await messagesOf(before.id)).toEqual(messages)
  })

  it('stores nothing for a question about an unknown session', async () => {
    const sessions = (await test.payload.count({ collection: 'chat-sessions', overrideAccess: true })).totalDocs
    const messages = (await test.payload.count({ collection: 'chat-messages', overrideAccess: true })).totalDocs
    const unknown = await ask('Is anyone there?', 'AAAAAAAAAAAAAAAAAAAAAA')
    expect(unknown.status).toBe(400)
    expect((await test.payload.count({ collection: 'chat-sessions', overrideAccess: true })).totalDocs).toBe(sessions)
    expect((await test.payload.count({ collection: 'chat-messages', overrideAccess: true })).totalDocs).toBe(messages)
  })
})
