/** The OpenAI embedder against a local server speaking OpenAI's embeddings wire format. */
import { afterAll, beforeEach, describe, expect, it } from 'vitest'

import { hashEmbedding } from '../../packages/payload-retrieval/src/embedders/localEmbedder'
import { createOpenAIEmbedder } from '../../packages/payload-retrieval/src/embedders/openaiEmbedder'
import { startOpenAIStandIn } from '../helpers/openaiStandIn'

const standIn = await startOpenAIStandIn()
afterAll(() => standIn.close())
beforeEach(() => standIn.reset())

const embedder = (options: Partial<Parameters<typeof createOpenAIEmbedder>[0]> = {}) =>
  createOpenAIEmbedder({
    apiKey: 'test-key',
    baseURL: standIn.url,
    dimensions: 64,
    maxRetries: 0,
    timeoutMs: 2000,
    ...options,
  })

describe('OpenAI embedder', () => {
  it('sends texts in batches and returns vectors in input order', async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `text number ${i}`)
    const vectors = await embedder({ batchSize: 3 }).embed(texts)
    expect(standIn.requests.map((request) => request.body.input.length)).toEqual([3, 3, 1])
    expect(standIn.requests[0].body).toMatchObject({
      dimensions: 64,
      encoding_format: 'float',
      model: 'text-embedding-3-small',
    })
    expect(vectors).toEqual(texts.map((text) => hashEmbedding(text, 64)))
  })

  it('retries rate limits and server errors, then succeeds', async () => {
    standIn.failNext({ headers: { 'retry-after-ms': '10' }, status: 429 })
    standIn.failNext({ status: 503 })
    const [vector] = await embedder({ maxRetries: 2 }).embed(['hello'])
    expect(vector).toEqual(hashEmbedding('hello', 64))
    expect(standIn.requests.map((request) => request.status)).toEqual([429, 503, 200])
  })

  it('gives up after its retries, with the server error', async () => {
    standIn.failNext({ status: 500 }, 3)
    await expect(embedder({ maxRetries: 1 }).embed(['hello'])).rejects.toThrow(/500/)
    expect(standIn.requests).toHaveLength(2)
  })

  it('does not retry a bad request', async () => {
    standIn.failNext({ body: { error: { message: 'bad model' } }, status: 400 })
    await expect(embedder({ maxRetries: 3 }).embed(['hello'])).rejects.toThrow(/bad model/)
    expect(standIn.requests).toHaveLength(1)
  })

  it('times out a slow server', async () => {
    standIn.setDelay(500)
    await expect(embedder({ timeoutMs: 100 }).embed(['hello'])).rejects.toThrow(/timed out/i)
  })

  it('refuses vectors of the wrong size', async () => {
    await expect(
      createOpenAIEmbedder({ apiKey: 'k', baseURL: standIn.url, dimensions: 64, maxRetries: 0 }).embed(['x']),
    ).resolves.toHaveLength(1)
    standIn.failNext({
      body: { data: [{ embedding: [0.1, 0.2], index: 0, object: 'embedding' }], object: 'list' },
      status: 200,
    })
    await expect(embedder().embed(['x'])).rejects.toThrow(/2-dimension vectors; 64 were asked for/)
  })

  it('names its model in its id, so a model change re-embeds', () => {
    expect(embedder({ model: 'text-embedding-3-large' }).id).toBe('openai:text-embedding-3-large')
  })
})
