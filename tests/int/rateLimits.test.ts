/**
 * Rate limits on /api/search (and /api/related, which shares its count), /api/chat, sign-in and forgot-password: 429 with Retry-After once a client or a conversation has
 * used its window, recovery in the next window, and counters kept in the database, so that a second
 * app instance on the same database sees the same counts.
 */
import type { Payload } from 'payload'

import { databaseOf, hitRateLimit, hitRateLimits, queryRows } from '@askfolio/payload-retrieval'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { rateLimitTable } from '../../packages/payload-retrieval/src/rateLimit/rateLimitTable'
import { useApiTest } from '../helpers/apiTest'
import { destroyPayload } from '../helpers/payload'
import { rawRequest } from '../helpers/rawRequest'

const windowSeconds = 5
Object.assign(process.env, {
  CHAT_PROVIDER: 'extractive',
  CHAT_RATE_LIMIT_PER_IP: '6',
  CHAT_RATE_LIMIT_PER_SESSION: '3',
  // Every request for suggestions makes its list, so every one of them counts.
  CHAT_SUGGESTIONS_CACHE_SECONDS: '0',
  RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
  SEARCH_RATE_LIMIT_PER_IP: '5',
  AUTH_RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
  FORGOT_PASSWORD_LIMIT_PER_EMAIL: '2',
  FORGOT_PASSWORD_LIMIT_PER_IP: '5',
  LOGIN_LIMIT_PER_EMAIL: '4',
  LOGIN_LIMIT_PER_EMAIL_AND_IP: '3',
  LOGIN_LIMIT_PER_IP: '7',
})

const test = useApiTest({ actors: false })
let secondInstance: Payload
beforeAll(async () => {
  const { buildAppConfig } = await import('../../payload.config')
  secondInstance = await getPayload({ config: buildAppConfig(), key: 'second-app-instance' })
})
afterAll(async () => {
  await destroyPayload(secondInstance)
})

/** Waits for a fresh window, so a test's requests all fall in one. */
const nextWindow = () =>
  new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000)) + 20))
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))
const messageCount = async () =>
  (await test.payload.count({ collection: 'chat-messages', overrideAccess: true })).totalDocs

describe('suggested questions', () => {
  it('count the lists they make against the address, in a bucket of their own', async () => {
    await nextWindow()
    const statuses = []
    for (let i = 0; i < 7; i++) statuses.push((await test.api.get('/api/chat/suggestions?page=/blog')).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429])
    expect((await test.api.get('/api/chat/suggestions')).headers.get('retry-after')).not.toBeNull()
    // The visitor's questions are counted apart.
    expect((await test.api.post('/api/chat', { message: 'What is Tidewater?' })).status).toBe(200)
  })
})

describe('search', () => {
  it('answers 429 with Retry-After after the limit, then recovers', async () => {
    await nextWindow()
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await test.api.get('/api/search?q=tide')).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])

    const refused = await test.api.get('/api/search?q=tide')
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/Too many requests/)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds)

    await sleep(retryAfter)
    expect((await test.api.get('/api/search?q=tide')).status).toBe(200)
  })

  it('counts in the database, so every app instance shares the count', async () => {
    await nextWindow()
    for (let i = 0; i < 5; i++) expect((await test.api.get('/api/search?q=tide')).status).toBe(200)
    // The other instance has served none of these requests, yet sees the client's window used up.
    const decision = await hitRateLimit(secondInstance, 'search:127.0.0.1', { limit: 5, windowSeconds })
    expect(decision).toMatchObject({ allowed: false, remaining: 0 })
    // And what it counts, the first instance sees too.
    await nextWindow()
    for (let i = 0; i < 5; i++) await hitRateLimit(secondInstance, 'search:127.0.0.1', { limit: 5, windowSeconds })
    expect((await test.api.get('/api/search?q=tide')).status).toBe(429)
  })
})

describe('several limits at once', () => {
  const rule = { limit: 2, windowSeconds }
  const rateLimitRows = () =>
    queryRows<{ count: number }>(databaseOf(test.payload), sql`select count from ${rateLimitTable}`)

  it('counts each key only while those before it allow the request, across instances', async () => {
    await nextWindow()
    const checks = [
      { key: 'several:first', rule },
      { key: 'several:second', rule: { limit: 5, windowSeconds } },
    ]
    expect(await hitRateLimits(test.payload, checks)).toMatchObject({ allowed: true, remaining: 1 })
    expect(await hitRateLimits(secondInstance, checks)).toMatchObject({ allowed: true, remaining: 0 })
    // The first key refuses the third request, so the second key is not charged for it.
    expect(await hitRateLimits(test.payload, checks)).toMatchObject({ allowed: false, remaining: 0 })
    expect(await hitRateLimit(secondInstance, 'several:second', { limit: 5, windowSeconds })).toMatchObject({
      allowed: true,
      remaining: 2,
    })
    // A refusal by a later key is the answer, with that key's window.
    const refusedLater = await hitRateLimits(test.payload, [
      { key: 'several:other', rule },
      { key: 'several:first', rule },
    ])
    expect(refusedLater.allowed).toBe(false)
    expect(refusedLater.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds)
  })

  it('sweeps windows older than a day in the same statement, never the keys it counts', async () => {
    await nextWindow()
    const before = (await rateLimitRows()).length
    const db = databaseOf(test.payload)
    const old = new Date(Date.now() - 2 * 86_400_000).toISOString()
    await db.execute(
      sql`insert into ${rateLimitTable} (key, window_start, count) values ('old-a', ${old}, 3), ('old-b', ${old}, 1)`,
    )
    expect(await rateLimitRows()).toHaveLength(before + 2)
    await hitRateLimits(test.payload, [{ key: 'sweeping', rule }], undefined, true)
    const keys = await queryRows<{ key: string }>(db, sql`select key from ${rateLimitTable}`)
    expect(keys.map((row) => row.key)).not.toEqual(expect.arrayContaining(['old-a']))
    expect(keys.map((row) => row.key)).not.toEqual(expect.arrayContaining(['old-b']))
    expect(await hitRateLimit(test.payload, 'sweeping', rule)).toMatchObject({ remaining: 0 })
  })
})

describe('related documents', () => {
  it("count against search's limit per address, lookups that find nothing included", async () => {
    await nextWindow()
    for (let i = 0; i < 3; i++) expect((await test.api.get('/api/search?q=tide')).status).toBe(200)
    const statuses = []
    // (No document has this id here: unknown ids use up the window too, so guessing them is bounded.)
    for (let i = 0; i < 3; i++) statuses.push((await test.api.get('/api/related?collection=projects&id=1')).status)
    expect(statuses).toEqual([404, 404, 429])
    const refused = await test.api.get('/api/related?collection=projects&id=1')
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/Too many requests/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // One bucket: search is refused too.
    expect((await test.api.get('/api/search?q=tide')).status).toBe(429)
    // A request refused as bad input uses up nothing and is told why, not to wait.
    expect((await test.api.get('/api/related?collection=projects&id=abc')).status).toBe(400)
  })
})

describe('chat', () => {
  it('limits one conversation, stores nothing for refused questions, and recovers', async () => {
    await nextWindow()
    const first = await test.api.post('/api/chat', { message: 'What is Tidewater?' })
    expect(first.status).toBe(200)
    const sessionId = first.body.sessionId
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push((await test.api.post('/api/chat', { message: `Question ${i} about Tidewater`, sessionId })).status)
    expect(statuses).toEqual([200, 200, 200, 429])

    const before = await messageCount()
    const refused = await test.api.post(
      '/api/chat',
      { message: 'One more about Tidewater', sessionId },
      { headers: { Accept: 'text/event-stream' } },
    )
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await messageCount()).toBe(before)

    await sleep(Number(refused.headers.get('retry-after')))
    expect((await test.api.post('/api/chat', { message: 'And now?', sessionId })).status).toBe(200)
  })

  it('limits one client address across conversations', async () => {
    await nextWindow()
    const statuses = []
    for (let i = 0; i < 7; i++)
      statuses.push((await test.api.post('/api/chat', { message: `New conversation ${i}` })).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429])
    // Feedback counts against the same address.
    expect(
      (await test.api.post('/api/chat/feedback', { messageId: 'AAAAAAAAAAAAAAAAAAAAAA', rating: 'up' })).status,
    ).toBe(429)
  })
})

describe('sign-in', () => {
  const password = 'correct horse battery staple'
  const account = 'limited-account@example.com'
  const login = (email: string, pass: string, localAddress?: string) =>
    rawRequest(test.server.url, '/api/users/login', {
      headers: { 'Content-Type': 'application/json' },
      localAddress,
      pieces: [JSON.stringify({ email, password: pass })],
    })
  const refusal = (response: { body: any; headers: Record<string, unknown>; status: number }) => {
    expect(response.status).toBe(429)
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(windowSeconds)
    return String(response.body.errors[0].message).replace(/\d+/g, 'N')
  }
  beforeAll(async () => {
    await test.payload.create({
      collection: 'users',
      data: { email: account, name: 'Limited', password },
      overrideAccess: true,
    })
  })

  it('limits guesses per client and email, alike for real and unknown accounts, and locks no account', async () => {
    await nextWindow()
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await login(account, 'wrong password')).status)
    expect(statuses).toEqual([401, 401, 401])
    // The right password too: the window is used up, whoever is typing.
    const real = refusal(await login(account, password))
    for (let i = 0; i < 3; i++) expect((await login('no-such-account@example.com', 'wrong password')).status).toBe(401)
    const unknown = refusal(await login('no-such-account@example.com', 'wrong password'))
    expect(unknown).toBe(real)
    expect(real).toBe('Too many attempts. Try again in N seconds.')
    // Seven tries from this address in all: an eighth, at any account, waits.
    refusal(await login('someone-else@example.com', 'wrong password'))

    // Six wrong passwords in all, more than Payload's lockout allowed: the account still signs in.
    await nextWindow()
    for (let i = 0; i < 3; i++) expect((await login(account, 'wrong password')).status).toBe(401)
    await nextWindow()
    const signedIn = await login(account, password)
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.token).toBeTruthy()
  })

  it('limits guesses at one email from many clients, but a window at most', async () => {
    await nextWindow()
    // Two clients, two guesses each: the email's four are used, from any client.
    for (const client of ['127.0.0.2', '127.0.0.3']) {
      for (let i = 0; i < 2; i++) expect((await login(account, 'wrong password', client)).status).toBe(401)
    }
    refusal(await login(account, password, '127.0.0.4'))
    await nextWindow()
    expect((await login(account, password, '127.0.0.4')).status).toBe(200)
  })
})

describe('forgot password', () => {
  const account = 'forgetful-limited@example.com'
  const forgot = (email: string) => test.api.post('/api/users/forgot-password', { email })
  beforeAll(async () => {
    await test.payload.create({
      collection: 'users',
      data: { email: account, name: 'Forgetful', password: 'correct horse battery staple' },
      overrideAccess: true,
    })
  })

  it('limits reset emails per address and per client, with the same answers for real and unknown addresses', async () => {
    await nextWindow()
    const real = [await forgot(account), await forgot(account), await forgot(account)]
    const unknown = [
      await forgot('nobody-registered@example.com'),
      await forgot('nobody-registered@example.com'),
      await forgot('nobody-registered@example.com'),
    ]
    expect(real.map((response) => response.status)).toEqual([200, 200, 429])
    expect(unknown.map((response) => response.status)).toEqual([200, 200, 429])
    expect(unknown[0].body).toEqual(real[0].body)
    expect(unknown[2].body.errors[0].message.replace(/\d+/g, 'N')).toBe(
      real[2].body.errors[0].message.replace(/\d+/g, 'N'),
    )
    expect(Number(real[2].headers.get('retry-after'))).toBeGreaterThanOrEqual(1)

    // Four sent from this client (refused requests count for nothing): one more address, then none.
    expect((await forgot('third@example.com')).status).toBe(200)
    expect((await forgot('fourth@example.com')).status).toBe(429)
    // GraphQL's mutation is the same operation, limited the same way.
    const viaGraphql = await test.api.graphql('mutation { forgotPasswordUser(email: "fifth@example.com") }')
    expect(viaGraphql.body.errors[0].message).toMatch(/Too many attempts/)

    await nextWindow()
    expect((await forgot(account)).status).toBe(200)
  })
})
