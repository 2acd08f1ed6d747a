/** The answer checks' parts that need no database: the config they add, how a result is judged, and what "broken by" keeps. */
import type { CollectionConfig, Config, TaskConfig } from 'payload'

import type { ChatOutcome } from '../../packages/payload-chat/src/answer/answerQuestion'
import type { ChatSource } from '../../packages/payload-chat/src/types'

import { chatPlugin, type ChatPluginOptions, createExtractiveChatModel, runChecksTask } from '@askfolio/payload-chat'
import { createLocalEmbedder, retrievalPlugin } from '@askfolio/payload-retrieval'
import { describe, expect, it } from 'vitest'

import { type AnswerCheckDoc } from '../../packages/payload-chat/src/checks/checksStore'
import { brokenByAfter } from '../../packages/payload-chat/src/checks/runAnswerChecks'
import { judge } from '../../packages/payload-chat/src/checks/runCheck'
import { parseQuestions } from '../../packages/payload-chat/src/endpoints/writeAnswerEndpoint'
import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'

const posts: CollectionConfig = { slug: 'posts', fields: [{ name: 'title', type: 'text' }] }
const withRetrieval = () =>
  retrievalPlugin({
    collections: { posts: { fields: ['title'], title: (doc) => doc.title, url: (doc) => `/posts/${doc.id}` } },
    embedder: createLocalEmbedder({ dimensions: 8 }),
  })({
    collections: [posts],
    db: { defaultIDType: 'number', init: () => ({}) as never, name: 'postgres' },
    secret: 'x',
  } as Config)
const answerCollection = { fromQuestions: (questions: string[]) => ({ title: questions[0] }), slug: 'posts' }
const configWith = (extra: Partial<ChatPluginOptions> = {}) =>
  chatPlugin({ access: { read: () => true }, model: createExtractiveChatModel(), ...extra })(withRetrieval())
const taskOf = (config: Config) => config.jobs!.tasks!.find((task) => task.slug === runChecksTask) as TaskConfig
const listeners = (config: Config) => getRetrievalContext({ config } as never).indexedListeners
const paths = (config: Config) => (config.endpoints ?? []).map((endpoint) => endpoint.path)

const source = (extra: Partial<ChatSource> = {}): ChatSource => ({
  collection: 'posts',
  id: '7',
  index: 1,
  label: 'Alpacas',
  score: 1,
  snippet: '',
  text: '',
  title: 'Alpacas',
  url: '/posts/7',
  ...extra,
})
const outcome = (extra: Partial<ChatOutcome> = {}): ChatOutcome => ({
  answer: 'We breed alpacas in Patagonia [1].',
  confidence: 'high',
  query: '',
  sources: [source()],
  status: 'complete',
  timings: { firstTokenMs: 0, retrievalMs: 0, totalMs: 0 },
  unanswered: false,
  ...extra,
})
const check = { expectedCollection: 'posts', expectedId: '7', question: 'Do you breed alpacas?' }

describe('the checks option', () => {
  it('adds the checks collection for chat readers, a daily job, the indexing listener and, with a target, the endpoint', () => {
    const read = () => true
    const config = chatPlugin({ access: { read }, checks: { answerCollection }, model: createExtractiveChatModel() })(
      withRetrieval(),
    )
    const collection = config.collections!.find((entry) => entry.slug === 'chat-checks')!
    expect(collection.access).toEqual({ create: read, delete: read, read, update: read })
    expect(taskOf(config).schedule).toEqual([{ cron: '0 0 5 * * *', hooks: undefined, queue: 'chat' }])
    expect(listeners(config)).toHaveLength(1)
    expect(paths(config)).toContain('/chat/checks/answer')
    // Without a target there is nothing to write answers into.
    expect(paths(configWith())).not.toContain('/chat/checks/answer')
  })

  it('keeps the collection and the job declared when disabled, but never schedules or listens', async () => {
    const config = configWith({ checks: { answerCollection, cron: '0 15 * * * *' }, disabled: true })
    expect(config.collections!.map((entry) => entry.slug)).toContain('chat-checks')
    const schedule = taskOf(config).schedule![0]
    expect(schedule.cron).toBe('0 15 * * * *')
    expect(await schedule.hooks!.beforeSchedule!({} as never)).toMatchObject({ shouldSchedule: false })
    expect(listeners(config)).toHaveLength(0)
    expect(paths(config)).not.toContain('/chat/checks/answer')
  })
})

describe('judging a check', () => {
  it('passes an answer that cites the expected document and says the words asked for', () => {
    expect(judge(outcome(), { ...check, mustInclude: ['PATAGONIA'] })).toMatchObject({ pass: true })
  })

  it.each([
    ['no answer', outcome({ confidence: 'low', sources: [] }), /found nothing relevant/],
    ['only suggestions', outcome({ confidence: 'middle' }), /not sure/],
    ['another document', outcome({ sources: [source({ id: '8', title: 'Llamas' })] }), /it used: Llamas/],
    ['no citation', outcome({ answer: 'We breed alpacas.' }), /did not cite it/],
    ['a failure', outcome({ error: 'model down', status: 'failed' }), /failed: model down/],
  ])('fails %s, saying why', (_, result, reason) => {
    expect(judge(result, check)).toEqual({ pass: false, reason: expect.stringMatching(reason) })
  })

  it('fails an answer missing a required word', () => {
    expect(judge(outcome(), { ...check, mustInclude: ['Patagonia', 'llamas'] }).reason).toMatch(
      /does not say: “llamas”/,
    )
  })
})

describe('broken by', () => {
  const publish = { at: '2026-12-04T10:00:00.000Z', collection: 'posts', documentId: '7', userId: '3' }
  const doc = (extra: Partial<AnswerCheckDoc>): AnswerCheckDoc => ({ ...check, id: 1, ...extra })
  const ranAt = '2026-12-04T10:01:00.000Z'

  it('names the publish after which a passing check fails', () => {
    expect(brokenByAfter(doc({ lastResult: 'pass' }), false, ranAt, publish)).toEqual(publish)
  })

  it('keeps the first culprit while the check goes on failing, and clears it once it passes', () => {
    const first = { ...publish, documentId: '5' }
    expect(brokenByAfter(doc({ brokenBy: first, lastResult: 'fail' }), false, ranAt, publish)).toEqual(first)
    expect(brokenByAfter(doc({ brokenBy: first, lastResult: 'fail' }), true, ranAt, publish)).toMatchObject({
      collection: null,
      documentId: null,
    })
  })

  it('names nothing for a check that never passed, and only the time when no publish started the run', () => {
    expect(brokenByAfter(doc({}), false, ranAt, publish)).toMatchObject({ at: null, collection: null })
    expect(brokenByAfter(doc({ lastResult: 'pass' }), false, ranAt)).toEqual({
      at: ranAt,
      collection: null,
      documentId: null,
      userId: null,
    })
  })
})

describe('the questions of "Write an answer"', () => {
  it('takes 1 to 20 questions of text, trimmed and each once', () => {
    expect(parseQuestions({ questions: [' Alpacas? ', 'Alpacas?', 'Llamas?'] }, 100)).toEqual(['Alpacas?', 'Llamas?'])
  })

  it.each([
    {},
    { questions: [] },
    { questions: 'x' },
    { questions: [''] },
    { questions: [1] },
    { questions: ['a\u0000'] },
  ])('refuses %j', (body) => {
    expect(parseQuestions(body, 100)).toEqual({ error: expect.stringMatching(/question/) })
  })

  it('refuses more than 20, and any longer than a chat message', () => {
    expect(parseQuestions({ questions: Array.from({ length: 21 }, (_, i) => `q${i}`) }, 100)).toHaveProperty('error')
    expect(parseQuestions({ questions: ['x'.repeat(101)] }, 100)).toHaveProperty('error')
  })
})
