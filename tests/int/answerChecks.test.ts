import type { Credential } from '../helpers/client'

import { runChecksTask } from '@askfolio/payload-chat'
/**
 * Answer checks, the editor's loop, over HTTP on the seeded, indexed site with the offline
 * extractive model: a visitor's question goes unanswered; "Write an answer" (the endpoint the
 * insights' button calls) makes an FAQ draft and a check; publishing it (and its indexing job) runs
 * the check, which passes; unpublishing makes it fail and names that change; the schedule's job and
 * `npm run checks` run the same checks.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { listFaq } from '../../src/app/(site)/data/faq'
import { markdownToRichText } from '../../src/seed/markdownToRichText'
import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { runNpmScript } from '../helpers/runNpmScript'

process.env.CHAT_PROVIDER = 'extractive'

const test = useApiTest()
const question = 'Do you breed alpacas in Patagonia?'
const answerText = 'Yes: we breed alpacas on a small farm in Patagonia, and shear them each spring.'

type Check = {
  brokenBy?: { at?: null | string; collection?: null | string; documentId?: null | string; userId?: null | string }
  expectedCollection: string
  expectedId: string
  id: number
  lastReason?: null | string
  lastResult?: null | string
  lastRunAt?: null | string
  lastRunBy?: null | string
  question: string
}

const checks = async (): Promise<Check[]> =>
  (await test.payload.find({ collection: 'chat-checks', depth: 0, overrideAccess: true, pagination: false }))
    .docs as unknown as Check[]
const count = async (collection: 'chat-checks' | 'chat-messages' | 'faq') =>
  (await test.payload.count({ collection, overrideAccess: true, trash: true } as never)).totalDocs
const checkJobs = async () =>
  (
    await test.payload.find({
      collection: 'payload-jobs',
      overrideAccess: true,
      pagination: false,
      where: { taskSlug: { equals: runChecksTask } },
    })
  ).docs
/** Indexes what the saves queued, then runs the check jobs that indexing queued (the chat's queue). */
const settle = async () => {
  await runIndexingJobs(test.payload)
  await test.payload.jobs.run({ limit: 10, queue: 'chat' })
}
const writeAnswer = (as: Credential, body: object = { questions: [question] }) =>
  test.api.post('/api/chat/checks/answer', body, { as })
/** What the CLI needs to reach this file's database, with no job runner of its own. */
const cliEnv = (): NodeJS.ProcessEnv => ({ ...process.env, JOBS_AUTORUN: 'false' })

const listChecks = '{ ChatChecks { docs { question } } }'
let insightsReader: Credential
let faqId: number

beforeAll(async () => {
  await runIndexingJobs(test.payload)
  // May read the chat (and so the insights) but not write FAQ entries.
  const role = await test.payload.create({
    collection: 'roles',
    data: { name: 'insights-reader', permissions: [{ actions: ['read'], resource: 'chat', scope: 'all' }] },
    overrideAccess: true,
  })
  await test.payload.create({
    collection: 'users',
    data: { email: 'insights-reader@example.com', name: 'Reader', password, roles: [role.id] },
    overrideAccess: true,
  })
  const login = await test.api.post('/api/users/login', { email: 'insights-reader@example.com', password })
  insightsReader = { token: login.body.token }
})

describe('answer checks', () => {
  it('offers an unanswered question to write an answer for, and creates a draft holding it with a check', async () => {
    const asked = await test.api.post('/api/chat', { message: question })
    expect(asked.body.answer).toMatch(/I don't know/)
    const insights = await test.api.get('/api/chat/insights', { as: test.actors.editor.credential })
    const row = insights.body.topUnanswered.find((entry: { question: string }) => entry.question === question)
    expect(row).toBeDefined()

    const written = await writeAnswer(test.actors.editor.credential, { questions: [row.question] })
    expect(written.status).toBe(201)
    expect(written.body.collection).toBe('faq')
    faqId = written.body.id

    const draft = await test.payload.findByID({ collection: 'faq', draft: true, id: faqId, overrideAccess: true })
    expect(draft).toMatchObject({ _status: 'draft', author: expect.anything(), question })
    const [check] = await checks()
    expect(check).toMatchObject({ expectedCollection: 'faq', expectedId: String(faqId), question })
    expect(check.lastResult ?? null).toBeNull()
    // A draft changes nothing visitors can find: no check run is queued for it.
    await settle()
    expect(await checkJobs()).toHaveLength(0)
    expect((await checks())[0].lastRunAt ?? null).toBeNull()
  })

  it('refuses users without the create right on the answer collection, visitors and bad input, creating nothing', async () => {
    const before = { checks: await count('chat-checks'), faq: await count('faq') }
    const refused = await writeAnswer(insightsReader)
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toMatch(/not allowed/i)
    expect((await writeAnswer(test.actors.viewer.credential)).status).toBe(403)
    expect((await writeAnswer(null)).status).toBe(403)
    for (const body of [{}, { questions: [] }, { questions: [''] }, { questions: 'one' }, { questions: [42] }]) {
      const response = await writeAnswer(test.actors.editor.credential, body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.errors[0].message).toMatch(/questions?/)
    }
    expect({ checks: await count('chat-checks'), faq: await count('faq') }).toEqual(before)
  })

  it('shows checks and FAQ drafts to nobody but editors who may read the chat', async () => {
    for (const as of [null, test.actors.viewer.credential, test.actors.author.credential]) {
      const rest = await test.api.get('/api/chat-checks', { as })
      expect(rest.status).toBe(403)
      const graphql = await test.api.post('/api/graphql', { query: listChecks }, { as })
      expect(graphql.body.errors?.[0]?.extensions?.statusCode).toBe(403)
      expect(JSON.stringify(graphql.body)).not.toContain(question)
    }
    expect((await test.api.get(`/api/faq/${faqId}`)).status).not.toBe(200)
    const visitorList = await test.api.get('/api/faq')
    expect(JSON.stringify(visitorList.body)).not.toContain(question)
    const editor = await test.api.get('/api/chat-checks', { as: test.actors.editor.credential })
    expect(editor.body.docs.map((doc: Check) => doc.question)).toEqual([question])
    const editorGraphql = await test.api.post(
      '/api/graphql',
      { query: listChecks },
      { as: test.actors.editor.credential },
    )
    expect(editorGraphql.body.data.ChatChecks.docs).toEqual([{ question }])
  })

  it('passes once the draft is published and indexed, through the chat path, recording no visitor message', async () => {
    const messages = await count('chat-messages')
    const answer = (await markdownToRichText(test.payload.config))(answerText)
    const published = await test.api.patch(
      `/api/faq/${faqId}`,
      { _status: 'published', answer },
      { as: test.actors.editor.credential },
    )
    expect(published.status).toBe(200)
    await settle()
    const [check] = await checks()
    expect(check).toMatchObject({ lastResult: 'pass', lastRunBy: 'publish' })
    expect(check.brokenBy?.at ?? null).toBeNull()
    expect(await count('chat-messages')).toBe(messages)
    // And a visitor now gets the answer, citing the entry where /faq shows it.
    const asked = await test.api.post('/api/chat', { message: question })
    expect(asked.body.sources).toContainEqual(
      expect.objectContaining({ id: String(faqId), url: '/faq#do-you-breed-alpacas-in-patagonia' }),
    )
    expect((await listFaq(test.payload)).map((entry) => entry.question)).toEqual([question])
  })

  it('fails after the entry is unpublished, and says which change broke it, when and by whom', async () => {
    const unpublished = await test.api.patch(
      `/api/faq/${faqId}`,
      { _status: 'draft' },
      { as: test.actors.editor.credential },
    )
    expect(unpublished.status).toBe(200)
    await settle()
    const [check] = await checks()
    expect(check).toMatchObject({
      brokenBy: { collection: 'faq', documentId: String(faqId), userId: String(test.actors.editor.id) },
      lastResult: 'fail',
      lastRunBy: 'publish',
    })
    expect(check.lastReason).toMatch(/nothing relevant|not sure|did not use/)
    expect(Date.parse(check.brokenBy!.at!)).not.toBeNaN()
    expect(await listFaq(test.payload)).toEqual([])
  })

  it('runs every check on its schedule, keeping what first broke a failing one', async () => {
    const task = test.payload.config.jobs.tasks!.find((entry) => entry.slug === runChecksTask)!
    expect(task.schedule).toEqual([expect.objectContaining({ cron: '0 0 5 * * *', queue: 'chat' })])
    const before = (await checks())[0]
    // Queued as the schedule queues it: no input.
    await test.payload.jobs.queue({ input: {}, queue: 'chat', task: runChecksTask } as never)
    await test.payload.jobs.run({ limit: 10, queue: 'chat' })
    const [check] = await checks()
    // It ran (the last run was the unpublish's), and what broke the check is still the unpublish.
    expect(before.lastRunBy).toBe('publish')
    expect(check).toMatchObject({ brokenBy: before.brokenBy, lastResult: 'fail', lastRunBy: 'schedule' })
  })

  it('`npm run checks` exits non-zero while a check fails, and zero once all pass', async () => {
    const failing = await runNpmScript('checks', [], cliEnv())
    expect(failing.output).toContain(`FAIL 1. ${question}`)
    expect(failing.output).toContain('0 passed, 1 failed')
    expect(failing.code).toBe(1)
    expect((await checks())[0].lastRunBy).toBe('command')

    const republished = await test.api.patch(
      `/api/faq/${faqId}`,
      { _status: 'published' },
      { as: test.actors.editor.credential },
    )
    expect(republished.status).toBe(200)
    await settle()
    expect((await checks())[0]).toMatchObject({ lastResult: 'pass' })
    expect((await checks())[0].brokenBy?.collection ?? null).toBeNull()

    const passing = await runNpmScript('checks', [], cliEnv())
    expect(passing.output).toContain(`PASS 1. ${question}`)
    expect(passing.output).toContain('1 passed, 0 failed')
    expect(passing.code).toBe(0)
  })

  it('never fails a save or its indexing when what follows the indexing fails', async () => {
    const called: string[] = []
    const listeners = getRetrievalContext(test.payload).indexedListeners
    const failing = ({ ref }: { ref: { id: string } }) => {
      called.push(ref.id)
      throw new Error('listener down')
    }
    listeners.push(failing)
    try {
      const created = await test.api.post(
        '/api/faq',
        { _status: 'published', question: 'Do you shear alpacas by hand?' },
        { as: test.actors.editor.credential },
      )
      expect(created.status).toBe(201)
      await settle()
      const id = String(created.body.doc.id)
      expect(called).toContain(id)
      const status = await test.api.get(`/api/retrieval/status?collection=faq&id=${id}`, {
        as: test.actors.editor.credential,
      })
      expect(status.body).toMatchObject({ error: null, state: 'indexed' })
    } finally {
      listeners.splice(listeners.indexOf(failing), 1)
    }
  })
})
