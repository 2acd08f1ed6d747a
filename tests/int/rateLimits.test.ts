/**
 * Rate limits on /api/search and /api/chat: 429 with Retry-After once a client or a conversation has
 * used its window, recovery in the next window, and counters kept in the database, so that a second
 * app instance on the same database sees the same counts.
 */
import type { Payload } from 'payload'

import { getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { hitRateLimit } from '../../src/plugins/retrieval'
import { useApiTest } from '../helpers/apiTest'
import { destroyPayload } from '../helpers/payload'

const windowSeconds = 5
Object.assign(process.env, {
  CHAT_PROVIDER: 'extractive',
  CHAT_RATE_LIMIT_PER_IP: '6',
  CHAT_RATE_LIMIT_PER_SESSION: '3',
  RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
  SEARCH_RATE_LIMIT_PER_IP: '5',
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
const nextWindow = () => new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000)) + 20))
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))
const messageCount = async () => (await test.payload.count({ collection: 'chat-messages', overrideAccess: true })).totalDocs

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

describe('chat', () => {
  it('limits one conversation, stores nothing for refused questions, and recovers', async () => {
    await nextWindow()
    const first = await test.api.post('/api/chat', { message: 'What is Tidewater?' })
    expect(first.status).toBe(200)
    const sessionId = first.body.sessionId
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await test.api.post('/api/chat', { message: `Question ${i} about Tidewater`, sessionId })).status)
    expect(statuses).toEqual([200, 200, 200, 429])

    const before = await messageCount()
    const refused = await test.api.post('/api/chat', { message: 'One more about Tidewater', sessionId }, { headers: { Accept: 'text/event-stream' } })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await messageCount()).toBe(before)

    await sleep(Number(refused.headers.get('retry-after')))
    expect((await test.api.post('/api/chat', { message: 'And now?', sessionId })).status).toBe(200)
  })

  it('limits one client address across conversations', async () => {
    await nextWindow()
    const statuses = []
    for (let i = 0; i < 7; i++) statuses.push((await test.api.post('/api/chat', { message: `New conversation ${i}` })).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429])
    // Feedback counts against the same address.
    expect((await test.api.post('/api/chat/feedback', { messageId: 'AAAAAAAAAAAAAAAAAAAAAA', rating: 'up' })).status).toBe(429)
  })
})
