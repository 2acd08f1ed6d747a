/**
 * Search and chat while the embeddings server is down: a hybrid search answers from full text alone
 * and says so, without waiting out retries, and stops calling the embedder for a pause; once the
 * pause is over and the server is back, the vector side returns.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { embedderPauseMs } from '../../packages/payload-retrieval/src/search/embedSearchQuery'
import { useApiTest } from '../helpers/apiTest'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { startOpenAIStandIn } from '../helpers/openaiStandIn'

const standIn = await startOpenAIStandIn()
Object.assign(process.env, {
  CHAT_PROVIDER: 'extractive',
  EMBEDDINGS_PROVIDER: 'openai',
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: standIn.url,
  OPENAI_MAX_RETRIES: '3',
})
afterAll(() => standIn.close())

const test = useApiTest({ actors: false })
beforeAll(async () => {
  const { seed } = await import('../../src/seed/seed')
  await seed(test.payload, { adminEmail: 'admin@example.com', adminPassword: 'a long enough password', quiet: true })
  await runIndexingJobs(test.payload)
  standIn.reset()
})
afterEach(() => {
  vi.useRealTimers()
  standIn.reset()
})

const embeddingCalls = () => standIn.requests.filter((request) => request.path === '/v1/embeddings').length

describe('searching while the embeddings server is down', () => {
  it('uses the embedder while it answers', async () => {
    const { body, status } = await test.api.get('/api/search?q=Tidewater')
    expect(status).toBe(200)
    expect(body.degraded).toBeUndefined()
    expect(body.results[0].title).toBe('Tidewater')
    expect(embeddingCalls()).toBe(1)
  })

  it('answers from full text alone, tries once, then pauses the embedder', async () => {
    standIn.failNext({ status: 503 }, 100)
    const first = await test.api.get('/api/search?q=Tidewater')
    expect(first.status).toBe(200)
    expect(first.body.degraded).toMatch(/full-text search only/)
    expect(first.body.results[0].title).toBe('Tidewater')
    // One attempt: a search does not wait out the client's retries (OPENAI_MAX_RETRIES is 3).
    expect(embeddingCalls()).toBe(1)

    const chat = await test.api.post('/api/chat', { message: 'What is Ledgerline?' })
    expect(chat.status).toBe(200)
    expect(chat.body.sources[0].title).toBe('Ledgerline')
    const second = await test.api.get('/api/search?q=Ledgerline')
    expect(second.body.degraded).toMatch(/full-text search only/)
    expect(embeddingCalls()).toBe(1)

    // The server is back, and the pause runs out: the next search embeds again.
    standIn.reset()
    vi.useFakeTimers({ now: Date.now() + embedderPauseMs + 1000, toFake: ['Date'] })
    const after = await test.api.get('/api/search?q=Tidewater')
    expect(after.body.degraded).toBeUndefined()
    expect(embeddingCalls()).toBe(1)
  })
})
