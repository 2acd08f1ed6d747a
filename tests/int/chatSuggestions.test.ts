/**
 * GET /api/chat/suggestions over HTTP, on the seeded and indexed site with the offline extractive
 * model: the questions the widget offers on a page fit that page, every one of them gets an answer
 * through /api/chat, and pinned questions go out only with a published document. Suggestions are
 * made afresh on every request here (CHAT_SUGGESTIONS_CACHE_SECONDS=0).
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { runIndexingJobs } from '../helpers/indexingJobs'

process.env.CHAT_PROVIDER = 'extractive'
process.env.CHAT_SUGGESTIONS_CACHE_SECONDS = '0'
// Every question here is asked from one address.
process.env.CHAT_RATE_LIMIT_PER_IP = '1000'

const test = useApiTest()
type Answer = { confidence: string; sources: { collection: string; id: string; url: string }[] }

const suggestions = async (page?: string) => {
  const { body, status } = await test.api.get<{ questions: string[] }>(
    `/api/chat/suggestions${page === undefined ? '' : `?page=${encodeURIComponent(page)}`}`,
  )
  expect(status, JSON.stringify(body)).toBe(200)
  return body.questions
}
const ask = async (message: string) => {
  const { body, status } = await test.api.post<Answer>('/api/chat', { message })
  expect(status, message).toBe(200)
  return body
}
const projectId = async (slug: string) =>
  (await test.payload.find({ collection: 'projects', where: { slug: { equals: slug } } })).docs[0].id

beforeAll(async () => {
  await runIndexingJobs(test.payload)
})

describe('suggested questions', () => {
  it('fit the page they are offered on, and every one of them gets an answer', async () => {
    for (const page of ['/projects/tidewater', '/blog', '/', '/skills/postgresql', undefined]) {
      const questions = await suggestions(page)
      expect(questions.length, String(page)).toBeGreaterThanOrEqual(3)
      expect(questions.length).toBeLessThanOrEqual(5)
      for (const question of questions) expect((await ask(question)).confidence, question).toBe('high')
    }
    const tidewater = await suggestions('/projects/tidewater')
    expect(tidewater[0]).toMatch(/Tidewater/)
    // A question made from the page cites the page.
    const answer = await ask(tidewater[0])
    expect(answer.sources.map((source) => source.url)).toContain('/projects/tidewater')
  })

  it('offers a pinned question first, once its document is published, and never a draft’s pins', async () => {
    const id = await projectId('ledgerline')
    const pinned = 'How does Ledgerline correct a mistake in the ledger?'
    expect((await ask(pinned)).confidence).toBe('high')
    await test.payload.update({ collection: 'projects', data: { suggestedQuestions: [pinned] }, draft: true, id })
    expect(await suggestions('/projects/ledgerline')).not.toContain(pinned)
    await test.payload.update({
      collection: 'projects',
      data: { _status: 'published', suggestedQuestions: [pinned] },
      id,
    })
    await runIndexingJobs(test.payload)
    expect((await suggestions('/projects/ledgerline'))[0]).toBe(pinned)
    // A pin shows on its own document's page only.
    expect(await suggestions('/projects/tidewater')).not.toContain(pinned)
  })

  it('leaves out a pinned question the chat cannot answer, and offers site-wide ones on every page', async () => {
    const answerable = 'What database does Tidewater use?'
    const hopeless = 'What is the best recipe for carbonara?'
    const { status } = await test.api.post(
      '/api/globals/chat-settings',
      { suggestedQuestions: [hopeless, answerable] },
      { as: test.actors.editor.credential },
    )
    expect(status).toBe(200)
    expect((await ask(hopeless)).confidence).not.toBe('high')
    for (const page of ['/blog', '/projects/switchyard']) {
      const questions = await suggestions(page)
      expect(questions).not.toContain(hopeless)
      expect(questions, page).toContain(answerable)
    }
  })

  it('stops offering a document’s questions once it is unpublished', async () => {
    const id = await projectId('switchyard')
    expect((await suggestions('/projects/switchyard')).some((question) => question.includes('Switchyard'))).toBe(true)
    await test.payload.update({ collection: 'projects', data: { _status: 'draft' }, id })
    await runIndexingJobs(test.payload)
    const questions = await suggestions('/projects/switchyard')
    expect(questions.some((question) => question.includes('Switchyard'))).toBe(false)
    for (const question of questions) expect((await ask(question)).confidence, question).toBe('high')
  })

  it('refuses a page that is not a path on the site, with a message', async () => {
    for (const page of ['projects/tidewater', '//evil.example/x', `/${'a'.repeat(400)}`, '/a b']) {
      const { body, status } = await test.api.get(`/api/chat/suggestions?page=${encodeURIComponent(page)}`)
      expect(status, page).toBe(400)
      expect(body.errors[0].message).toMatch(/"page"/)
    }
  })

  it('lets only those with the profile’s right change the site-wide questions', async () => {
    for (const actor of [test.actors.anonymous, test.actors.author, test.actors.viewer]) {
      const { status } = await test.api.post(
        '/api/globals/chat-settings',
        { suggestedQuestions: ['Changed?'] },
        { as: actor.credential },
      )
      expect(status, actor.name).toBe(403)
    }
    const settings = await test.payload.findGlobal({ slug: 'chat-settings' })
    expect(settings.suggestedQuestions).not.toContain('Changed?')
  })
})
