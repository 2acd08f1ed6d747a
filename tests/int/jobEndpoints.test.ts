import type { Credential } from '../helpers/client'

/**
 * Payload's job endpoints (`/api/payload-jobs/run`, `/handle-schedules`) run every queue and the
 * schedules; only admins may call them. Everyone else's work is run by the app itself, server-side.
 */
import { describe, expect, it } from 'vitest'

import { password } from '../helpers/actors'
import { useApiTest } from '../helpers/apiTest'
import { unique } from '../helpers/fixtures'
import { unfinishedJobs } from '../helpers/indexingJobs'

const test = useApiTest()

const paths = [
  '/api/payload-jobs/run?queue=retrieval&limit=100',
  '/api/payload-jobs/run?allQueues=true',
  '/api/payload-jobs/handle-schedules',
]

async function roleless(): Promise<Credential> {
  const email = `${unique('bare').replace(/\W+/g, '-')}@example.com`
  await test.payload.create({ collection: 'users', data: { email, name: 'No roles', password }, overrideAccess: true })
  return { token: (await test.api.post('/api/users/login', { email, password })).body.token }
}

describe('the job endpoints', () => {
  it('refuse every signed-in non-admin with a 403 and a reason, and run nothing', async () => {
    const waiting = (await unfinishedJobs(test.payload)).length
    expect(waiting).toBeGreaterThan(0) // the seed queued indexing jobs, so a run would show
    const others = [
      test.actors.viewer.credential,
      test.actors.author.credential,
      test.actors.editor.credential,
      await roleless(),
    ]
    for (const as of others) {
      for (const path of paths) {
        const res = await test.api.get(path, { as })
        expect(res.status, path).toBe(403)
        expect(res.body.errors[0].message).toMatch(/administrator/)
      }
    }
    for (const path of paths) expect((await test.api.get(path)).status, path).toBe(401)
    expect(await unfinishedJobs(test.payload)).toHaveLength(waiting)
  })

  it('run the queues for an admin', async () => {
    const res = await test.api.get('/api/payload-jobs/run?queue=retrieval&limit=100', {
      as: test.actors.admin.credential,
    })
    expect(res.status).toBe(200)
    expect(
      (await test.api.get('/api/payload-jobs/handle-schedules', { as: test.actors.admin.credential })).status,
    ).toBe(200)
  })
})
