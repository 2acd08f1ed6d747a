import { expect, it } from 'vitest'

import { useApiTest } from './apiTest'
import { type ApiResponse } from './client'
import { unique } from './fixtures'

export type DatabaseControl = {
  /** Brings the database back on the same address. */
  start: () => Promise<void> | void
  /** Takes the database down (its connections drop). */
  stop: () => Promise<void> | void
}

const waitFor = async (check: () => Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * The database restarts under a running app (Payload's REST and GraphQL handlers behind real HTTP):
 * while it is down every API request answers 503 with a message and Retry-After, the app comes back
 * by itself once the database does, and every write it accepted is still there.
 */
export function testDatabaseRestart(database: DatabaseControl): void {
  const test = useApiTest()

  it('answers 503 while the database is down, recovers by itself, and loses no accepted write', async () => {
    const { actors, api } = test
    const requests: Record<string, () => Promise<ApiResponse>> = {
      chat: () => api.post('/api/chat', { message: 'What is Tidewater?' }),
      graphql: () => api.graphql('{ Projects(limit: 1) { docs { title } } }'),
      rest: () => api.get('/api/projects?limit=1'),
      restSignedIn: () => api.get('/api/blog-posts?limit=1&draft=true', { as: actors.editor.credential }),
      search: () => api.get('/api/search?q=tidewater'),
    }
    const write = (title: string) => api.post('/api/blog-posts', { title }, { as: actors.editor.credential })
    const statuses = async () =>
      Object.fromEntries(
        await Promise.all(Object.entries(requests).map(async ([name, send]) => [name, (await send()).status])),
      )
    const allOk = { chat: 200, graphql: 200, rest: 200, restSignedIn: 200, search: 200 }

    const accepted: string[] = []
    for (let i = 0; i < 3; i++) {
      const title = unique('before the outage')
      expect((await write(title)).status).toBe(201)
      accepted.push(title)
    }
    expect(await statuses()).toEqual(allOk)

    // A request holding a connection between two queries (as in a transaction) when the database goes:
    // its client hears the connection drop, which must not crash the process.
    const pool = (
      test.payload.db as unknown as { pool: { connect: () => Promise<{ release: (error?: Error) => void }> } }
    ).pool
    const held = await pool.connect()

    await database.stop()
    const during = await Promise.all(
      Object.entries(requests).map(async ([name, send]) => {
        const response = await send()
        const message = String(response.body?.errors?.[0]?.message ?? JSON.stringify(response.body)).slice(0, 200)
        return { message, name, retryAfter: response.headers.get('retry-after'), status: response.status }
      }),
    )
    const unavailable = {
      message: expect.stringMatching(/database/i),
      retryAfter: expect.stringMatching(/^[1-9]\d*$/),
      status: 503,
    }
    expect(during).toEqual(Object.keys(requests).map((name) => ({ ...unavailable, name })))
    const refused = unique('during the outage')
    expect((await write(refused)).status).toBe(503)

    await database.start()
    held.release()
    await waitFor(async () => (await requests.rest()).status === 200, 'the API to answer again')
    expect(await statuses()).toEqual(allOk)
    const after = unique('after the outage')
    expect((await write(after)).status).toBe(201)
    accepted.push(after)

    const stored = await test.payload.find({
      collection: 'blog-posts',
      draft: true,
      limit: 200,
      overrideAccess: true,
      pagination: false,
    })
    const titles = stored.docs.map((doc) => doc.title)
    expect(titles).toEqual(expect.arrayContaining(accepted))
    expect(titles).not.toContain(refused)
  })
}
