/**
 * Two web instances, each its own OS process, on one database (this file's embedded PostgreSQL,
 * reached through DATABASE_URL): rate limits count across both, a sign-in on one works on the other
 * and a sign-out on either ends it on both, a chat continues across them, and content published,
 * indexed and deleted anywhere is seen everywhere; media go to S3-compatible storage, so the instances
 * share no disk. Sticky sessions are not needed for any of it. The layout is production's: neither
 * instance runs jobs (JOBS_AUTORUN=false); a worker process (`npm run worker`) runs them all.
 */
import type { Payload } from 'payload'

import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../../src/seed/seed'
import { password } from '../helpers/actors'
import { type AppInstance, startAppInstance } from '../helpers/appInstance'
import { apiClientFrom } from '../helpers/clientFrom'
import { pngFile, uploadForm } from '../helpers/fixtures'
import { chunkRows, unfinishedJobs } from '../helpers/indexingJobs'
import { getTestPayload } from '../helpers/payload'
import { startS3StandIn } from '../helpers/s3StandIn'
import { startWorker, type WorkerProcess } from '../helpers/workerProcess'

const windowSeconds = 3600
const limits = {
  CHAT_RATE_LIMIT_PER_IP: '6',
  CHAT_RATE_LIMIT_PER_SESSION: '3',
  RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds),
  SEARCH_RATE_LIMIT_PER_IP: '5',
}
const adminEmail = 'instances-admin@example.com'

const s3 = await startS3StandIn({ bucket: 'askfolio-instances' })
// Every process (this one, which seeds, and both instances) keeps media in the bucket.
Object.assign(process.env, {
  S3_ACCESS_KEY_ID: 'test-key',
  S3_BUCKET: 'askfolio-instances',
  S3_ENDPOINT: s3.url,
  S3_SECRET_ACCESS_KEY: 'test-secret',
})

let payload: Payload
let a: AppInstance
let b: AppInstance
let worker: WorkerProcess

beforeAll(async () => {
  payload = await getTestPayload()
  await seed(payload, { adminEmail, adminPassword: password, quiet: true })
  const shared = {
    ...limits,
    CHAT_PROVIDER: 'extractive',
    // Four processes share the database (the embedded one serves 24 connections): 8 (this one) + 4 + 4 + 4.
    DATABASE_POOL_MAX: '4',
    DATABASE_URL: process.env.DATABASE_URL!,
    EMBEDDINGS_PROVIDER: 'local',
    JOBS_AUTORUN: 'false',
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET!,
  }
  // The web instances only serve requests; the worker runs every queue.
  worker = startWorker(shared)
  // Each instance has a media folder of its own, as separate machines would.
  const mediaDir = async (name: string) => {
    const dir = path.join(process.env.MEDIA_DIR!, name)
    await fs.mkdir(dir, { recursive: true })
    return dir
  }
  ;[a, b] = await Promise.all([
    startAppInstance('A', { ...shared, MEDIA_DIR: await mediaDir('a') }),
    startAppInstance('B', { ...shared, MEDIA_DIR: await mediaDir('b') }),
    worker.waitFor(/\[worker\] running queues/),
  ])
}, 240_000)

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), worker?.stop()])
  await s3.close()
})

/** Polls `check` until it holds: for work another process does in the background. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 90_000) {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting until ${what}\nworker:\n${worker.output().slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Rate limits count in fixed windows; start a sequence with at least a minute of the window left. */
async function roomInWindow() {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000))
  if (left < 60_000) await new Promise((resolve) => setTimeout(resolve, left + 50))
}

/** The same visitor (one client address) on each instance. */
const visitor = (address: string) => ({ a: apiClientFrom(a.url, address), b: apiClientFrom(b.url, address) })

describe('rate limits', () => {
  it('counts one client across both instances: search', async () => {
    const client = visitor('127.0.0.2')
    await roomInWindow()
    const statuses = []
    for (let i = 0; i < 7; i++)
      statuses.push((await (i % 2 === 0 ? client.a : client.b).get('/api/search?q=webhooks')).status)
    // The limit is 5: A served 3 and B 2 when the 6th request (on B) is refused, then A refuses too.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
    // Another client is not affected.
    expect((await visitor('127.0.0.7').b.get('/api/search?q=webhooks')).status).toBe(200)
  })

  it('counts one client across both instances: chat', async () => {
    const client = visitor('127.0.0.3')
    await roomInWindow()
    const statuses = []
    for (let i = 0; i < 7; i++)
      statuses.push((await (i % 2 === 0 ? client.a : client.b).post('/api/chat', { message: `Question ${i}` })).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429])
  })

  it('counts one conversation across both instances', async () => {
    const client = visitor('127.0.0.4')
    await roomInWindow()
    const first = await client.a.post('/api/chat', { message: 'What is Tidewater?' })
    expect(first.status).toBe(200)
    const statuses = []
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await (i % 2 === 0 ? client.b : client.a).post('/api/chat', {
            message: `Follow-up ${i}`,
            sessionId: first.body.sessionId,
          })
        ).status,
      )
    }
    expect(statuses).toEqual([200, 200, 200, 429])
  })
})

describe('sign-in sessions', () => {
  const login = async (instance: AppInstance) => {
    const response = await apiClientFrom(instance.url, '127.0.0.1').post('/api/users/login', {
      email: adminEmail,
      password,
    })
    expect(response.status).toBe(200)
    return response
  }
  const me = async (instance: AppInstance, headers: Record<string, string>) =>
    (await apiClientFrom(instance.url, '127.0.0.1').get('/api/users/me', headers)).body.user

  it('a token or cookie from A works on B, and signing out on A ends it on B', async () => {
    const response = await login(a)
    const token = response.body.token as string
    const cookie = /payload-token=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0]
    expect((await me(b, { Authorization: `JWT ${token}` }))?.email).toBe(adminEmail)
    expect((await me(b, { Cookie: cookie }))?.email).toBe(adminEmail)

    expect(
      (await apiClientFrom(a.url, '127.0.0.1').post('/api/users/logout', {}, { Authorization: `JWT ${token}` })).status,
    ).toBe(200)
    expect(await me(b, { Authorization: `JWT ${token}` })).toBeNull()
    expect(await me(b, { Cookie: cookie })).toBeNull()
    expect(await me(a, { Authorization: `JWT ${token}` })).toBeNull()
  })

  it('signing out of every session on B ends a session begun on A', async () => {
    const onA = (await login(a)).body.token as string
    const onB = (await login(b)).body.token as string
    expect((await me(a, { Authorization: `JWT ${onA}` }))?.email).toBe(adminEmail)
    const out = await apiClientFrom(b.url, '127.0.0.1').post(
      '/api/users/logout?allSessions=true',
      {},
      { Authorization: `JWT ${onB}` },
    )
    expect(out.status).toBe(200)
    expect(await me(a, { Authorization: `JWT ${onA}` })).toBeNull()
    expect(await me(b, { Authorization: `JWT ${onB}` })).toBeNull()
  })
})

describe('chat history and indexing', () => {
  beforeAll(async () => {
    // The seeded content was queued for indexing by this process; the worker indexes it.
    await eventually(
      'the seeded content is indexed',
      async () => (await unfinishedJobs(payload)).length === 0 && (await chunkRows(payload)).length > 0,
    )
  }, 120_000)

  it('continues on B a conversation begun on A', async () => {
    const client = visitor('127.0.0.5')
    const first = await client.a.post('/api/chat', { message: 'Tell me about Ledgerline' })
    expect(first.status).toBe(200)
    expect(first.body.sources[0].title).toBe('Ledgerline')

    const followUp = await client.b.post('/api/chat', {
      message: 'Which language is it written in?',
      sessionId: first.body.sessionId,
    })
    expect(followUp.status).toBe(200)
    expect(followUp.body.sessionId).toBe(first.body.sessionId)
    expect(followUp.body.sources.map((source: { title: string }) => source.title)).toContain('Ledgerline')

    // Both turns are in one session, and B searched with the question A had stored (a first
    // question is searched as asked, so its `query` is empty).
    const { docs: sessions } = await payload.find({
      collection: 'chat-sessions',
      overrideAccess: true,
      where: { publicId: { equals: first.body.sessionId } },
    })
    expect(sessions[0].messageCount).toBe(2)
    const { docs: messages } = await payload.find({
      collection: 'chat-messages',
      depth: 0,
      overrideAccess: true,
      sort: 'createdAt',
      where: { session: { equals: sessions[0].id } },
    })
    expect(messages.map((message) => [message.publicId, message.question, message.query])).toEqual([
      [first.body.messageId, 'Tell me about Ledgerline', null],
      [
        followUp.body.messageId,
        'Which language is it written in?',
        'Tell me about Ledgerline Which language is it written in?',
      ],
    ])
  })

  it('indexes (in the worker) what A publishes for search and chat on B, and drops from A what B deletes', async () => {
    const client = visitor('127.0.0.6')
    const admin = (instance: AppInstance) => apiClientFrom(instance.url, '127.0.0.1')
    const { token } = (await admin(a).post('/api/users/login', { email: adminEmail, password })).body
    const auth = { Authorization: `JWT ${token}` }

    const created = await admin(a).post(
      '/api/projects',
      {
        _status: 'published',
        summary: 'Zephyrine is a solar-powered weather station for allotments that texts frost warnings.',
        title: 'Zephyrine',
      },
      auth,
    )
    expect(created.status).toBe(201)
    const source = { id: created.body.doc.id, slug: 'projects' }
    await eventually(
      'the worker has indexed the new project',
      async () => (await chunkRows(payload, source)).length > 0,
    )

    const found = await client.b.get('/api/search?q=Zephyrine%20frost%20warnings')
    expect(found.status).toBe(200)
    expect(found.body.results[0]).toMatchObject({ collection: 'projects', title: 'Zephyrine' })
    const answer = await client.b.post('/api/chat', { message: 'What does Zephyrine do?' })
    expect(answer.status).toBe(200)
    expect(answer.body.sources[0].title).toBe('Zephyrine')

    expect((await admin(b).delete(`/api/projects/${source.id}`, auth)).status).toBe(200)
    await eventually(
      'the deleted project has left the index',
      async () => (await chunkRows(payload, source)).length === 0,
    )
    const gone = await client.a.get('/api/search?q=Zephyrine%20frost%20warnings')
    expect(gone.status).toBe(200)
    expect(gone.body.results.map((result: { title: string }) => result.title)).not.toContain('Zephyrine')
    // Payload logs each batch it runs: the worker ran them, neither web instance did.
    expect(worker.output()).toMatch(/Running \d+ jobs/)
    expect(`${a.output()}${b.output()}`).not.toMatch(/Running \d+ jobs/)
  })
})

describe('media', () => {
  it('are uploaded on A, served by B and deleted on B, with no shared disk', async () => {
    const { token } = (
      await apiClientFrom(a.url, '127.0.0.1').post('/api/users/login', { email: adminEmail, password })
    ).body
    const file = await pngFile(900, 700)
    const upload = await fetch(`${a.url}/api/media`, {
      body: uploadForm(file, 'shared.png', 'image/png', { alt: 'Shared' }),
      headers: { Authorization: `JWT ${token}` },
      method: 'POST',
    })
    expect(upload.status).toBe(201)
    const { doc } = await upload.json()
    expect(s3.objects.get(doc.filename)!.body.equals(file)).toBe(true)

    // As the admin: an upload nothing published uses is not public (tests/int/mediaVisibility.test.ts).
    const served = await fetch(`${b.url}${doc.url}`, { headers: { Authorization: `JWT ${token}` } })
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(file)).toBe(true)

    expect(
      (await apiClientFrom(b.url, '127.0.0.1').delete(`/api/media/${doc.id}`, { Authorization: `JWT ${token}` }))
        .status,
    ).toBe(200)
    expect([doc.filename, doc.sizes.thumbnail.filename].filter((key) => s3.objects.has(key))).toEqual([])
    const localFiles = await fs.readdir(process.env.MEDIA_DIR!, { recursive: true, withFileTypes: true })
    expect(localFiles.filter((entry) => entry.isFile())).toEqual([])
  })
})
