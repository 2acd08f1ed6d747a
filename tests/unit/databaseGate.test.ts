/** The gate in front of the app (server.ts) while the database is down, over real HTTP. */
import type { AddressInfo } from 'node:net'

import express from 'express'
import http from 'node:http'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

import { databaseAvailability, markDatabaseDown, markDatabaseUp } from '../../src/db/databaseAvailability'
import { isDatabaseUnavailable } from '../../src/db/isDatabaseUnavailable'
import { unavailableHeader } from '../../src/hooks/answerDatabaseUnavailable'
import { databaseGate } from '../../src/server/databaseGate'

let databaseAnswers = false
const app = express()
app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }))
const probe = async () => {
  if (!databaseAnswers) throw new Error('connect ECONNREFUSED 127.0.0.1:5432')
}
app.use(databaseGate({ probe, probeIntervalMs: 0 }))
app.get(
  '/api/graphql-like',
  (_req, res) => void res.set(unavailableHeader, '1').json({ errors: [{ message: 'The database is unavailable' }] }),
)
app.get('/blog', (_req, res) => void res.status(500).send('<p>render failed</p>'))
app.get('/api/projects', (_req, res) => void res.json({ docs: [] }))
const server = http.createServer(app)
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
afterAll(() => new Promise((resolve) => server.close(resolve)))
afterEach(() => {
  databaseAnswers = false
  markDatabaseUp()
})

describe('databaseGate', () => {
  it('turns a response Payload marked as failed for want of the database into a 503', async () => {
    const response = await fetch(`${base}/api/graphql-like`)
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('5')
    expect(response.headers.has(unavailableHeader)).toBe(false)
  })

  it('while the database is down: JSON for the API, a short page for the site, health checks untouched', async () => {
    markDatabaseDown(new Error('Connection terminated unexpectedly'))
    const api = await fetch(`${base}/api/projects`)
    expect(api.status).toBe(503)
    expect(api.headers.get('retry-after')).toBe('5')
    expect(await api.json()).toEqual({ errors: [{ message: expect.stringMatching(/database is unavailable/) }] })
    const page = await fetch(`${base}/blog`)
    expect(page.status).toBe(503)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toMatch(/Back in a moment/)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
  })

  it('lets requests through again as soon as its probe reaches the database', async () => {
    markDatabaseDown(new Error('connect ECONNREFUSED'))
    expect((await fetch(`${base}/api/projects`)).status).toBe(503)
    databaseAnswers = true
    expect((await fetch(`${base}/api/projects`)).status).toBe(200)
    expect(databaseAvailability().down).toBe(false)
  })
})

describe('isDatabaseUnavailable', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })
  it('recognises connection failures, also wrapped by Drizzle or Payload', () => {
    expect(isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true)
    expect(isDatabaseUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true)
    expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true)
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true)
    expect(
      isDatabaseUnavailable(
        new Error('Failed query: select 1', { cause: new Error('Connection terminated unexpectedly') }),
      ),
    ).toBe(true)
    expect(isDatabaseUnavailable(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]))).toBe(
      true,
    )
  })
  it('leaves other database errors alone', () => {
    expect(isDatabaseUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false)
    expect(isDatabaseUnavailable(withCode('syntax error at or near "selec"', '42601'))).toBe(false)
    expect(isDatabaseUnavailable(new Error('Something went wrong.'))).toBe(false)
  })
})
