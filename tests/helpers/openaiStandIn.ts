import type { AddressInfo } from 'node:net'

import http from 'node:http'

import { hashEmbedding } from '../../packages/payload-retrieval/src/embedders/localEmbedder'

type Failure = { body?: unknown; headers?: Record<string, string>; status: number }

/** How the next streamed chat completions answer: these pieces, then [DONE], or a dropped connection. */
export type ChatScript = {
  /** Cut the connection after this many pieces, as a crashing upstream would. */
  failAfter?: number
  pieces: string[]
  /** Wait this long before each piece. */
  pieceDelayMs?: number
}

/** One streamed chat completion as the stand-in saw it. */
export type ChatStream = { closedEarly: boolean; finished: boolean; sent: number }

export type StandIn = {
  close: () => Promise<void>
  /** Inputs of every embeddings request that succeeded, flattened. */
  embeddedTexts: () => string[]
  /** Streamed chat completions, in order, and whether the client hung up before the end. */
  chatStreams: ChatStream[]
  /** Answer the next `times` requests with this failure. */
  failNext: (failure: Failure, times?: number) => void
  /** What streamed chat completions answer from now on. */
  setChatScript: (script: ChatScript) => void
  /** What non-streamed chat completions (question rewriting) answer from now on. */
  setCompletion: (text: string) => void
  /** Requests received (failed ones included). */
  requests: { body: any; path: string; status: number }[]
  reset: () => void
  /** Wait this long before answering every request. */
  setDelay: (ms: number) => void
  url: string
}

/**
 * A local HTTP server that speaks OpenAI's wire format, standing in for the remote API in tests.
 * Embeddings are deterministic (the local hashing embedder's vectors for the same text); chat
 * completions stream a scripted answer as server-sent events, chunk by chunk, as the real API does;
 * failures, rate limits, slowness and dropped connections can be switched on per request.
 */
export async function startOpenAIStandIn(): Promise<StandIn> {
  const failures: Failure[] = []
  const requests: StandIn['requests'] = []
  const succeeded: string[][] = []
  let delayMs = 0
  const defaultScript: ChatScript = { pieces: ['From the stand-in: ', 'see the first source', ' [1].'] }
  let chatScript = defaultScript
  let completion = 'rewritten question'
  const chatStreams: ChatStream[] = []

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
      send(
        failure.status,
        failure.body ?? { error: { message: `stand-in failure ${failure.status}`, type: 'server_error' } },
        failure.headers,
      )
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
        usage: {
          prompt_tokens: input.join(' ').split(/\s+/).length,
          total_tokens: input.join(' ').split(/\s+/).length,
        },
      })
      return
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions' && !body.stream) {
      send(200, {
        choices: [{ finish_reason: 'stop', index: 0, message: { content: completion, role: 'assistant' } }],
        created: Math.floor(Date.now() / 1000),
        id: 'chatcmpl-standin',
        model: body.model,
        object: 'chat.completion',
      })
      return
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      requests.push({ body, path: req.url, status: 200 })
      await streamCompletion(res, body.model, chatScript, chatStreams)
      return
    }
    send(404, { error: { message: `no route ${req.method} ${req.url}` } })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    chatStreams,
    embeddedTexts: () => succeeded.flat(),
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure)
    },
    requests,
    reset: () => {
      failures.length = 0
      requests.length = 0
      succeeded.length = 0
      chatStreams.length = 0
      delayMs = 0
      chatScript = defaultScript
      completion = 'rewritten question'
    },
    setChatScript: (script) => (chatScript = script),
    setCompletion: (text) => (completion = text),
    setDelay: (ms) => (delayMs = ms),
    url: `http://127.0.0.1:${port}/v1`,
  }
}

/** Streams a scripted answer in the chat completions chunk format, noting whether the client left early. */
async function streamCompletion(res: http.ServerResponse, model: string, script: ChatScript, streams: ChatStream[]) {
  const stream: ChatStream = { closedEarly: false, finished: false, sent: 0 }
  streams.push(stream)
  res.on('close', () => {
    if (!stream.finished) stream.closedEarly = true
  })
  res.writeHead(200, { 'cache-control': 'no-cache', 'content-type': 'text/event-stream' })
  const chunk = (delta: Record<string, unknown>, finish: null | string = null) =>
    `data: ${JSON.stringify({ choices: [{ delta, finish_reason: finish, index: 0 }], created: Math.floor(Date.now() / 1000), id: 'chatcmpl-standin', model, object: 'chat.completion.chunk' })}\n\n`
  // Each piece is on the wire before the next step, so a failure comes after what was sent, not instead of it.
  const write = (text: string) => new Promise((resolve) => res.write(text, resolve))
  await write(chunk({ content: '', role: 'assistant' }))
  for (const [i, piece] of script.pieces.entries()) {
    if (script.failAfter === i) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      res.destroy()
      return
    }
    if (script.pieceDelayMs) await new Promise((resolve) => setTimeout(resolve, script.pieceDelayMs))
    if (res.destroyed) return
    await write(chunk({ content: piece }))
    stream.sent++
  }
  stream.finished = true
  res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`)
}
