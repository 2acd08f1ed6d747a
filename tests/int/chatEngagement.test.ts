import type { ChatInsights } from '@askfolio/payload-chat'

/**
 * POST /api/chat/events over HTTP: the widget's counts of page views, opens, questions and source
 * clicks. They add up per day and page, bad input changes nothing, and nothing in them says who
 * sent them. The insights show them beside the questions (GET /api/chat/insights).
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { useApiTest } from '../helpers/apiTest'
import { runIndexingJobs } from '../helpers/indexingJobs'

process.env.CHAT_PROVIDER = 'extractive'
process.env.CHAT_EVENTS_PER_IP = '40'

const test = useApiTest()
type Event = { kind: string; page?: unknown; target?: unknown }

const send = (events: Event[] | unknown, headers: Record<string, string> = {}) =>
  test.api.post('/api/chat/events', { events }, { headers })
const rows = async () =>
  (
    await test.payload.db.pool.query(
      `select to_char(day at time zone 'UTC', 'YYYY-MM-DD') as day, kind::text, page, target, count::int
       from chat_engagement order by kind, page, target`,
    )
  ).rows as { count: number; day: string; kind: string; page: string; target: string }[]
const countOf = async (kind: string, page: string, target = '') =>
  (await rows()).find((row) => row.kind === kind && row.page === page && row.target === target)?.count ?? 0
const insights = async () =>
  (await test.api.get<ChatInsights>('/api/chat/insights', { as: test.actors.admin.credential })).body

beforeAll(async () => {
  await runIndexingJobs(test.payload)
})

describe('the widget’s counts', () => {
  it('add up per day, kind and page, from a JSON or a text/plain (sendBeacon) body', async () => {
    expect((await send([{ kind: 'view', page: '/projects/tidewater' }])).status).toBe(204)
    const beacon = await test.api.post(
      '/api/chat/events',
      JSON.stringify({
        events: [
          { kind: 'view', page: '/projects/tidewater' },
          { kind: 'open', page: '/projects/tidewater' },
        ],
      }),
      { headers: { 'Content-Type': 'text/plain;charset=UTF-8' } },
    )
    expect(beacon.status).toBe(204)
    expect(await countOf('view', '/projects/tidewater')).toBe(2)
    expect(await countOf('open', '/projects/tidewater')).toBe(1)
    expect((await rows()).every((row) => row.day === new Date().toISOString().slice(0, 10))).toBe(true)
  })

  it('keep a page’s path only: never its query string, where a visitor’s own data can be', async () => {
    await send([{ kind: 'view', page: '/blog?email=someone%40example.com#top' }])
    const stored = await rows()
    expect(stored.some((row) => row.page === '/blog')).toBe(true)
    expect(JSON.stringify(stored)).not.toContain('example.com')
  })

  it('hold nothing about who sent them', async () => {
    await send([{ kind: 'question', page: '/' }], {
      'User-Agent': 'Distinctive-Agent/1.0',
      'X-Forwarded-For': '203.0.113.77',
      'X-Real-IP': '203.0.113.77',
    })
    const { rows: columns } = await test.payload.db.pool.query(
      `select column_name from information_schema.columns where table_name = 'chat_engagement' order by column_name`,
    )
    expect(columns.map((row: { column_name: string }) => row.column_name)).toEqual([
      'count',
      'created_at',
      'day',
      'id',
      'kind',
      'page',
      'target',
      'updated_at',
    ])
    const { rows: everything } = await test.payload.db.pool.query('select * from chat_engagement')
    const text = JSON.stringify(everything)
    expect(text).not.toContain('203.0.113.77')
    expect(text).not.toContain('Distinctive-Agent')
  })

  it('refuse bad input with a message, and count none of it', async () => {
    const before = JSON.stringify(await rows())
    const bad: [unknown, RegExp][] = [
      [[{ kind: 'purchase', page: '/' }], /"kind"/],
      [[{ kind: 'view', page: 'https://elsewhere.example/' }], /"page"/],
      [[{ kind: 'view', page: `/${'x'.repeat(400)}` }], /"page"/],
      [[{ kind: 'click', page: '/', target: 'javascript:alert(1)' }], /"target"/],
      [[], /"events"/],
      [Array.from({ length: 21 }, () => ({ kind: 'view', page: '/' })), /"events"/],
      ['view', /"events"/],
      // One bad event refuses the whole batch.
      [[{ kind: 'view', page: '/' }, { kind: 'view' }], /"page"/],
    ]
    for (const [events, message] of bad) {
      const { body, status } = await send(events)
      expect(status, JSON.stringify(events)).toBe(400)
      expect(body.errors[0].message).toMatch(message)
    }
    const notJson = await test.api.post('/api/chat/events', 'not json', { headers: { 'Content-Type': 'text/plain' } })
    expect(notJson.status).toBe(400)
    expect(JSON.stringify(await rows())).toBe(before)
  })

  it('are refused from a site that may not use the chat', async () => {
    const { status } = await send([{ kind: 'view', page: '/elsewhere' }], { Origin: 'https://elsewhere.example' })
    expect(status).toBe(403)
    expect(await countOf('view', '/elsewhere')).toBe(0)
  })

  it('cannot be read or written by visitors through the API', async () => {
    for (const actor of [test.actors.anonymous, test.actors.author]) {
      const list = await test.api.get('/api/chat-engagement', { as: actor.credential })
      expect(list.status, actor.name).toBe(403)
      const write = await test.api.post(
        '/api/chat-engagement',
        { count: 5, day: new Date().toISOString(), kind: 'view', page: '/' },
        { as: actor.credential },
      )
      expect(write.status).toBe(403)
    }
    const graphql = await test.api.graphql<{ data: unknown; errors?: { message: string }[] }>(
      '{ ChatEngagementCounts { docs { page count } } }',
    )
    expect(graphql.body.errors?.[0].message).toMatch(/not allowed/i)
    expect(JSON.stringify(graphql.body)).not.toContain('/projects/tidewater')
  })

  it('show in the insights beside the questions: pages asked most, and cited sources nobody followed', async () => {
    await send([
      { kind: 'question', page: '/projects/tidewater' },
      { kind: 'question', page: '/projects/tidewater' },
      { kind: 'view', page: '/projects/ledgerline' },
    ])
    const tidewater = await test.api.post<{ sources: { url: string }[] }>('/api/chat', {
      message: 'What database does Tidewater use?',
    })
    const ledgerline = await test.api.post<{ sources: { url: string }[] }>('/api/chat', {
      message: 'How does Ledgerline correct a mistake in the ledger?',
    })
    const tidewaterUrl = tidewater.body.sources[0].url
    const ledgerlineUrl = ledgerline.body.sources[0].url
    expect(tidewaterUrl).not.toBe(ledgerlineUrl)

    let engagement = (await insights()).engagement
    expect(engagement.topPages[0]).toMatchObject({ opens: 1, page: '/projects/tidewater', questions: 2, views: 2 })
    expect(engagement.totals.views).toBeGreaterThanOrEqual(4)
    expect(engagement.perDay.at(-1)!.views).toBe(engagement.totals.views)
    const unclicked = () => engagement.citedNotClicked.map((source) => source.url)
    expect(unclicked()).toEqual(expect.arrayContaining([tidewaterUrl, ledgerlineUrl]))

    // The widget reports a click by the link's absolute address.
    await send([{ kind: 'click', page: '/projects/tidewater', target: `http://localhost:3000${tidewaterUrl}` }])
    engagement = (await insights()).engagement
    expect(engagement.totals.clicks).toBe(1)
    expect(unclicked()).not.toContain(tidewaterUrl)
    expect(unclicked()).toContain(ledgerlineUrl)
  })

  it('are limited per address, and a refused request counts nothing', async () => {
    let status = 204
    for (let i = 0; i < 60 && status === 204; i++) status = (await send([{ kind: 'view', page: '/limited' }])).status
    expect(status).toBe(429)
    expect(await countOf('view', '/limited')).toBeLessThanOrEqual(40)
  })
})
