import type { Embedder } from '../types'

import { lazyOpenAI } from './lazyOpenAI'

export type OpenAIEmbedderOptions = {
  apiKey: string
  /** Any OpenAI-compatible server, e.g. http://localhost:11434/v1. Default: OpenAI's API. */
  baseURL?: string
  /** Texts per request. Default 64. */
  batchSize?: number
  /** Requested vector size (text-embedding-3 models can shorten their vectors). Default 1536. */
  dimensions?: number
  /** Retries on 408, 409, 429 and 5xx, with exponential backoff that honours Retry-After. Default 3. */
  maxRetries?: number
  /** Default text-embedding-3-small. */
  model?: string
  /** A search query's embedding, in ms, tried once. Default 5 000. */
  queryTimeoutMs?: number
  /** Per request, in ms. Default 30 000. */
  timeoutMs?: number
}

/** Embeddings through the `openai` client; any server that speaks OpenAI's embeddings API works. */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const { batchSize = 64, dimensions = 1536, model = 'text-embedding-3-small' } = options
  const client = lazyOpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: options.maxRetries ?? 3,
    timeout: options.timeoutMs ?? 30_000,
  })

  async function embedBatch(
    input: string[],
    requestOptions?: { maxRetries?: number; timeout?: number },
  ): Promise<number[][]> {
    const response = await (
      await client()
    ).embeddings.create({ dimensions, encoding_format: 'float', input, model }, requestOptions)
    const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding)
    if (vectors.length !== input.length) {
      throw new Error(`The embeddings server returned ${vectors.length} vectors for ${input.length} texts`)
    }
    const wrong = vectors.find((vector) => vector.length !== dimensions)
    if (wrong) {
      throw new Error(`The embeddings server returned ${wrong.length}-dimension vectors; ${dimensions} were asked for`)
    }
    return vectors
  }

  return {
    dimensions,
    embed: async (texts) => {
      const out: number[][] = []
      for (let start = 0; start < texts.length; start += batchSize) {
        out.push(...(await embedBatch(texts.slice(start, start + batchSize))))
      }
      return out
    },
    embedQuery: async (text) =>
      (await embedBatch([text], { maxRetries: 0, timeout: options.queryTimeoutMs ?? 5000 }))[0],
    id: `openai:${model}`,
  }
}
