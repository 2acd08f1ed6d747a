import type { AddressInfo } from 'node:net'

import http from 'node:http'

import { hashEmbedding } from '../../src/plugins/retrieval/embedders/localEmbedder'

type Failure = { body?: unknown; headers?: Record<string, string>; status: number }

export type StandIn = {
  close: () => Promise<void>
  /** Inputs of every embeddings request that succeeded, flattened. */
  embeddedTexts: () => string[]
  /** Answer the next `times` requests with this failure. */
  failNext: (failure: Failure, times?: number) => void
  /** Requests received (failed ones included). */
  requests: { body: any; path: string; status: number }[]
  reset: () => void
  /** Wait this long before answering every request. */
  setDelay: (ms: number) => void
  url: string
}

/**
 * A local HTTP server that speaks OpenAI's wire format, standing in for the remote API in tests.
 * Embeddings are deterministic (the local hashing embedder's vectors for the same text), and
 * failures, rate limits and slowness can be switched on per request.
 */
export async function startOpenAIStandIn(): Promise<StandIn> {
  const failures: Failure[] = []
  const requests: StandIn['requests'] = []
  const succeeded: string[][] = []
  let delayMs = 0

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      requests.push({ body, path: req.url ?? '', status })
      if (res.destroyed) return
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(payload))
    }
    const failure = failures.shift()
    if (failure) {
      send(failure.status, failure.body ?? { error: { message: `stand-in failure ${failure.status}`, type: 'server_error' } }, failure.headers)
      return
    }
    if (req.method === 'POST' && req.url === '/v1/embeddings') {
      const input: string[] = Array.isArray(body.input) ? body.input : [body.input]
      const dimensions = body.dimensions ?? 1536
      succeeded.push(input)
      send(200, {
        data: input.map((text, index) => ({ embedding: hashEmbedding(text, dimensions), index, object: 'embedding' })),
        model: body.model,
        object: 'list',
        usage: { prompt_tokens: input.join(' ').split(/\s+/).length, total_tokens: input.join(' ').split(/\s+/).length },
      })
      return
    }
    send(404, { error: { message: `no route ${req.method} ${req.url}` } })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    embeddedTexts: () => succeeded.flat(),
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure)
    },
    requests,
    reset: () => {
      failures.length = 0
      requests.length = 0
      succeeded.length = 0
      delayMs = 0
    },
    setDelay: (ms) => (delayMs = ms),
    url: `http://127.0.0.1:${port}/v1`,
  }
}
