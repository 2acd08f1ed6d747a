/**
 * POST /api/chat and /api/chat/feedback over HTTP with the offline (extractive) model, on the seeded
 * site indexed by the real pipeline: JSON and server-sent events, citations, "I don't know", drafts,
 * conversation memory, bad input, CORS, and who may read the conversations.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { storedChatMessage } from '../helpers/chatMessages'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { rawRequest } from '../helpers/rawRequest'
import { postForEvents, tokensOf } from '../helpers/sse'

process.env.CHAT_ALLOWED_ORIGINS = 'https://widget.example.org'
process.env.CHAT_PROVIDER = 'extractive'

const test = useApiTest()
beforeAll(async () => runIndexingJobs(test.payload))

type Source = { collection: string; id: string; score: number; snippet: string; title: string; url: string }
type Answer = {
  answer: string
  confidence: 'high' | 'low' | 'middle'
  errors?: { message: string }[]
  messageId: string
  sessionId: string
  sources: Source[]
}

const ask = (body: unknown, headers: Record<string, string> = {}) =>
  test.api.post<Answer>('/api/chat', body as object, { headers })
const storedMessage = (publicId: string) => storedChatMessage(test.payload, publicId)
const counts = async () => ({
  messages: (await test.payload.count({ collection: 'chat-messages', overrideAccess: true })).totalDocs,
  sessions: (await test.payload.count({ collection: 'chat-sessions', overrideAccess: true })).totalDocs,
})
const citations = (answer: string) => [...answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]))

describe('answers as JSON', () => {
  it('answers from the right published document and cites it', async () => {
    const { body, status } = await ask({ message: 'What database does Tidewater use?' })
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['answer', 'confidence', 'messageId', 'sessionId', 'sources'])
    expect(body.confidence).toBe('high')
    expect(body.sources[0]).toMatchObject({ collection: 'projects', title: 'Tidewater' })
    // Without PUBLIC_URL, links are paths on the site (never built from the request's Host).
    expect(body.sources[0].url).toBe('/projects/tidewater')
    expect(Object.keys(body.sources[0]).sort()).toEqual([
      'collection',
      'id',
      'label',
      'page',
      'score',
      'snippet',
      'title',
      'url',
    ])
    expect(body.answer).toMatch(/PostgreSQL/)
    // Every citation points into the sources list, and the first source is cited.
    expect(citations(body.answer)).toContain(1)
    for (const n of citations(body.answer)) expect(n).toBeLessThanOrEqual(body.sources.length)

    const stored = await storedMessage(body.messageId)
    expect(stored).toMatchObject({
      answer: body.answer,
      confidence: 'high',
      model: 'extractive',
      question: 'What database does Tidewater use?',
      status: 'complete',
      unanswered: false,
    })
    expect(stored.sources).toEqual(
      body.sources.map((source, i) => expect.objectContaining({ id: source.id, index: i + 1, title: source.title })),
    )
    expect(stored.retrievalMs).toBeGreaterThanOrEqual(0)
    expect(stored.totalMs).toBeGreaterThanOrEqual(stored.retrievalMs!)
  })

  it('says it does not know when nothing relevant is published, and flags the message', async () => {
    for (const message of ['Give me a recipe for carbonara', 'How do I bake sourdough bread?']) {
      const { body, status } = await ask({ message })
      expect(status).toBe(200)
      expect(body.sources).toEqual([])
      expect(body.confidence).toBe('low')
      expect(body.answer).toMatch(/I don't know/)
      expect(await storedMessage(body.messageId)).toMatchObject({ confidence: 'low', unanswered: true })
    }
  })

  it('is not sure when only words related to the question match: offers the closest pages as cited links, claims nothing', async () => {
    // The site says "bookkeeping" and "ledger", never "accounting".
    const { body, status } = await ask({ message: 'Have you worked on accounting software?' })
    expect(status).toBe(200)
    expect(body.confidence).toBe('middle')
    expect(body.sources[0]).toMatchObject({ title: 'Ledgerline', url: '/projects/ledgerline' })
    expect(body.sources.length).toBeLessThanOrEqual(3)
    expect(body.answer).toMatch(
      /^I'm not sure this portfolio answers that\. These pages come closest: Ledgerline \[1\]/,
    )
    // Every page offered is cited, so the widget links each one; no sentence of a page is quoted as an answer.
    expect(citations(body.answer)).toEqual(body.sources.map((_, i) => i + 1))
    expect(body.answer).not.toMatch(/Here is what I found/)
    expect(await storedMessage(body.messageId)).toMatchObject({ confidence: 'middle', unanswered: false })
  })

  it('never answers from drafts, and does not reveal them', async () => {
    for (const message of [
      'What is BLUE HERON?',
      'Tell me about the Harbourmaster berth-booking system for marinas',
      'What is the PURPLE OTTER dataset?',
    ]) {
      const { body } = await ask({ message })
      const text = JSON.stringify(body)
      for (const secret of ['BLUE HERON', 'Harbourmaster', 'PURPLE OTTER', 'NDA', 'not announced'])
        expect(text, message).not.toContain(secret)
      const stored = await storedMessage(body.messageId)
      expect(JSON.stringify(stored.sources)).not.toMatch(/Harbourmaster|Notes for a talk/)
    }
  })

  it('keeps a conversation: a follow-up in the same session is understood with its history', async () => {
    const first = await ask({ message: 'Tell me about Ledgerline' })
    expect(first.body.sources[0].title).toBe('Ledgerline')
    const followUp = await ask({ message: 'Which language is it written in?', sessionId: first.body.sessionId })
    expect(followUp.status).toBe(200)
    expect(followUp.body.sessionId).toBe(first.body.sessionId)
    expect(followUp.body.sources.map((source) => source.title)).toContain('Ledgerline')
    const { docs } = await test.payload.find({
      collection: 'chat-sessions',
      overrideAccess: true,
      where: { publicId: { equals: first.body.sessionId } },
    })
    expect(docs[0].messageCount).toBe(2)
  })
})

describe('answers as server-sent events', () => {
  it('sends the sources, then the answer in tokens, then done', async () => {
    const response = await postForEvents(`${test.server.url}/api/chat`, {
      message: 'How do you make webhooks idempotent?',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const names = response.events.map((event) => event.event)
    expect(names[0]).toBe('sources')
    expect(names.at(-1)).toBe('done')
    expect(names.slice(1, -1).every((name) => name === 'token')).toBe(true)
    expect(names.length).toBeGreaterThan(3)

    const sources = response.events[0].data.sources as Source[]
    expect(sources[0]).toMatchObject({ title: 'Designing idempotent webhooks' })
    const { confidence, messageId, sessionId } = response.events.at(-1)!.data
    expect(confidence).toBe('high')
    const stored = await storedMessage(messageId)
    expect(tokensOf(response.events)).toBe(stored.answer)
    expect(citations(stored.answer!)).toContain(1)
    expect(stored.firstTokenMs).toBeGreaterThanOrEqual(0)
    expect(sessionId).toMatch(/^[\w-]{22}$/)
  })

  it('streams "I don\'t know" the same way', async () => {
    const response = await postForEvents(`${test.server.url}/api/chat`, { message: 'How do I bake sourdough bread?' })
    const done = response.events.at(-1)!
    expect(done).toMatchObject({ data: { confidence: 'low', unanswered: true }, event: 'done' })
    // The ids come first too, so a client that stops early can still continue the conversation.
    const { messageId, sessionId } = done.data as { messageId: string; sessionId: string }
    expect(response.events[0]).toEqual({ data: { messageId, sessionId, sources: [] }, event: 'sources' })
    expect(tokensOf(response.events)).toMatch(/I don't know/)
  })

  it('answers bad input with a plain 400 before any stream starts', async () => {
    const response = await postForEvents(`${test.server.url}/api/chat`, { message: 7 })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.text).errors[0].message).toMatch(/"message" must be a string/)
  })
})

describe('bad input', () => {
  it.each([
    ['not JSON', 'this is not json', /Invalid JSON/],
    ['an array', [{ message: 'hi' }], /JSON object/],
    ['no message', {}, /"message" must be a string/],
    ['a number', { message: 42 }, /"message" must be a string/],
    ['an empty message', { message: '   ' }, /"message" is empty/],
    ['a huge message', { message: 'why '.repeat(501) }, /at most 2000 characters/],
    ['a malformed session id', { message: 'hello', sessionId: '../../etc' }, /"sessionId"/],
    ['a session id of the wrong type', { message: 'hello', sessionId: 12 }, /"sessionId"/],
    ['an unknown session id', { message: 'hello', sessionId: 'AAAAAAAAAAAAAAAAAAAAAA' }, /Unknown session/],
    ['a NUL character', { message: 'What is\u0000Tidewater?' }, /control characters/],
    ['an escape sequence', { message: 'What is \u001b[2JTidewater?' }, /control characters/],
    ['a C1 control character', { message: 'What is\u009bTidewater?' }, /control characters/],
  ])('rejects %s with a 400 and stores nothing', async (_, body, message) => {
    const before = await counts()
    const response = await ask(body)
    expect(response.status).toBe(400)
    expect(response.body.errors?.[0].message).toMatch(message)
    expect(await counts()).toEqual(before)
  })

  it('takes line breaks and tabs as ordinary text', async () => {
    const { body, status } = await ask({ message: 'What database\tdoes\r\nTidewater use?' })
    expect(status).toBe(200)
    expect(body.answer).toMatch(/PostgreSQL/)
  })

  it('refuses a body over 64 KB with 413 before parsing it, said or counted, and stores nothing', async () => {
    const big = JSON.stringify({ message: 'What is Tidewater?', padding: 'x'.repeat(65 * 1024) })
    const before = await counts()
    const said = await rawRequest(test.server.url, '/api/chat', {
      headers: { 'Content-Type': 'application/json' },
      length: Buffer.byteLength(big),
      pieces: [big],
    })
    // Chunked, without Content-Length: counted while it is read.
    const chunked = await rawRequest(test.server.url, '/api/chat', {
      headers: { 'Content-Type': 'application/json' },
      pieces: [big.slice(0, 40_000), big.slice(40_000)],
    })
    const feedback = await rawRequest(test.server.url, '/api/chat/feedback', {
      headers: { 'Content-Type': 'application/json' },
      pieces: [big],
    })
    for (const response of [said, chunked, feedback]) {
      expect(response.status).toBe(413)
      expect(response.body.errors[0].message).toBe('The body may be at most 64 KB.')
    }
    expect(await counts()).toEqual(before)
    // Just under the limit is an ordinary question.
    const fits = JSON.stringify({ message: 'What is Tidewater?', padding: 'x'.repeat(63 * 1024) })
    expect(
      (
        await rawRequest(test.server.url, '/api/chat', {
          headers: { 'Content-Type': 'application/json' },
          pieces: [fits],
        })
      ).status,
    ).toBe(200)
  })

  it('ends a conversation that reached its length limit, without storing the question', async () => {
    const { body } = await ask({ message: 'Where is Maya based?' })
    const { docs } = await test.payload.find({
      collection: 'chat-sessions',
      overrideAccess: true,
      where: { publicId: { equals: body.sessionId } },
    })
    await test.payload.update({
      collection: 'chat-sessions',
      data: { messageCount: 50 },
      id: docs[0].id,
      overrideAccess: true,
    })
    const before = await counts()
    const response = await ask({ message: 'And before that?', sessionId: body.sessionId })
    expect(response.status).toBe(400)
    expect(response.body.errors?.[0].message).toMatch(/length limit/)
    expect(await counts()).toEqual(before)
  })
})

describe('feedback', () => {
  it('records a rating once per answer', async () => {
    const { body } = await ask({ message: 'What is Switchyard?' })
    const first = await test.api.post('/api/chat/feedback', {
      comment: '  Spot on  ',
      messageId: body.messageId,
      rating: 'up',
    })
    expect(first).toMatchObject({ body: { ok: true }, status: 200 })
    const again = await test.api.post('/api/chat/feedback', { messageId: body.messageId, rating: 'down' })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/already/)
    expect(await storedMessage(body.messageId)).toMatchObject({ comment: 'Spot on', rating: 'up' })
  })

  it('rejects bad feedback with a 400 and changes nothing', async () => {
    const { body } = await ask({ message: 'What is Quarry?' })
    for (const [feedback, message] of [
      [{ rating: 'up' }, /"messageId"/],
      [{ messageId: 12, rating: 'up' }, /"messageId"/],
      [{ messageId: body.messageId, rating: 'great' }, /"rating"/],
      [{ messageId: body.messageId }, /"rating"/],
      [{ comment: 'x'.repeat(1001), messageId: body.messageId, rating: 'down' }, /"comment"/],
      [{ comment: { html: '<b>' }, messageId: body.messageId, rating: 'down' }, /"comment"/],
      [{ messageId: 'AAAAAAAAAAAAAAAAAAAAAA', rating: 'up' }, /Unknown message/],
    ] as const) {
      const response = await test.api.post('/api/chat/feedback', feedback)
      expect(response.status, JSON.stringify(feedback)).toBe(400)
      expect(response.body.errors[0].message).toMatch(message)
    }
    const stored = await storedMessage(body.messageId)
    expect(stored.rating ?? null).toBeNull()
    expect(stored.comment ?? null).toBeNull()
  })
})

describe('CORS', () => {
  it('answers a listed origin with CORS headers, preflight included', async () => {
    const origin = 'https://widget.example.org'
    const preflight = await test.api.request('OPTIONS', '/api/chat', {
      headers: { 'Access-Control-Request-Method': 'POST', Origin: origin },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin)
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/)
    const response = await ask({ message: 'What is Fieldnotes?' }, { Origin: origin })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe(origin)
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After')
  })

  it('answers the site itself, by the host the visitor used', async () => {
    const response = await ask({ message: 'What is Fieldnotes?' }, { Origin: test.server.url })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe(test.server.url)
  })

  it('refuses any other origin, and stores nothing for it', async () => {
    const before = await counts()
    const response = await ask({ message: 'What is Fieldnotes?' }, { Origin: 'https://evil.example.net' })
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(
      (await test.api.request('OPTIONS', '/api/chat/feedback', { headers: { Origin: 'https://evil.example.net' } }))
        .status,
    ).toBe(403)
    expect(await counts()).toEqual(before)
  })
})

describe('who sees the conversations', () => {
  it('lets admins and editors read them, nobody else, and nobody change them', async () => {
    const { body } = await ask({ message: 'What does Maya write about?' })
    const stored = await storedMessage(body.messageId)
    const { actors, api } = test
    for (const actor of [actors.admin, actors.editor]) {
      const list = await api.get('/api/chat-messages?limit=100', { as: actor.credential })
      expect(list.status).toBe(200)
      expect(list.body.docs.map((doc: { publicId: string }) => doc.publicId)).toContain(body.messageId)
    }
    for (const actor of [actors.anonymous, actors.author, actors.viewer]) {
      expect((await api.get('/api/chat-messages', { as: actor.credential })).status).toBe(403)
      expect((await api.get('/api/chat-sessions', { as: actor.credential })).status).toBe(403)
      expect((await api.get(`/api/chat-messages/${stored.id}`, { as: actor.credential })).status).toBe(403)
    }
    for (const actor of [actors.admin, actors.editor]) {
      expect(
        (await api.patch(`/api/chat-messages/${stored.id}`, { answer: 'edited' }, { as: actor.credential })).status,
      ).toBe(403)
      expect((await api.delete(`/api/chat-messages/${stored.id}`, { as: actor.credential })).status).toBe(403)
      expect(
        (await api.post('/api/chat-sessions', { publicId: 'x'.repeat(22) }, { as: actor.credential })).status,
      ).toBe(403)
    }
    expect((await storedMessage(body.messageId)).answer).toBe(body.answer)
  })
})
