/**
 * `npm run dev` for real: server.ts starts the embedded database, migrates and seeds it, serves
 * health checks, the REST API, search and chat and the admin through Next.js, shuts down cleanly on SIGTERM, keeps its
 * data for the next start, and restarts its database when that dies, answering 503 until it is back.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import { readLock } from '../../src/db/embeddedPostgresLock'
import { embeddedPaths } from '../../src/db/resolveDatabase'
import { defaultAdminEmail, defaultAdminPassword } from '../../src/seed/adminCredentials'
import { freePort } from '../helpers/freePort'
import { rawRequest } from '../helpers/rawRequest'
import { postForEvents, tokensOf } from '../helpers/sse'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-server-'))
// Listed in tsconfig.json's include, so Next.js has no reason to rewrite that file.
const distDir = '.next/test'
const running: ChildProcess[] = []

afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
  fs.rmSync(dataDir, { force: true, recursive: true })
  fs.rmSync(distDir, { force: true, recursive: true })
})

type Started = { base: string; child: ChildProcess; output: () => string; exited: Promise<number | null> }

/** Runs server.ts as `npm run dev` does, with `extraEnv` on top; HOST is unset unless given. */
async function launch(extraEnv: Record<string, string> = {}): Promise<Started & { port: number }> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    MEDIA_DIR: path.join(dataDir, 'media'),
    NEXT_DIST_DIR: distDir,
    NODE_ENV: 'development',
    NODE_OPTIONS: '--conditions=development',
    PORT: String(port),
  }
  for (const name of [
    'DATABASE_URL',
    'DATABASE_EMBEDDED',
    'PAYLOAD_SECRET',
    'SEED',
    'MIGRATE_ON_START',
    'HOST',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
  ])
    delete env[name]
  Object.assign(env, extraEnv)
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.push(child)
  let log = ''
  child.stdout!.on('data', (chunk) => (log += chunk))
  child.stderr!.on('data', (chunk) => (log += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { base: `http://127.0.0.1:${port}`, child, exited, output: () => log, port }
}

async function startServer(): Promise<Started> {
  const { base, child, exited, output: log } = await launch()
  const started = Date.now()
  while (!log().includes('listening on')) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${log()}`)
    if (Date.now() - started > 180_000) throw new Error(`server did not start:\n${log()}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { base, child, exited, output: log }
}

/** Whether something accepts TCP connections on host:port. */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, host, () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })

/** Retries an assertion for a moment: the server writes its log line just after it answers. */
async function eventually(assertion: () => void, timeoutMs = 3000) {
  const started = Date.now()
  for (;;) {
    try {
      return assertion()
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

const json = async (response: Response) => ({
  body: (await response.json()) as any,
  headers: response.headers,
  status: response.status,
})

describe('the development server', () => {
  let server: Started

  it('starts on an empty data directory, migrating and seeding it', async () => {
    server = await startServer()
    expect(server.output()).toContain('empty database: loading demo content')
    expect(server.output()).toContain('[seed] done')
  })

  it('listens on loopback only by default: not on another address of this machine', async () => {
    const port = Number(new URL(server.base).port)
    expect(await accepts('127.0.0.1', port)).toBe(true)
    // 127.0.0.2 reaches this machine as any other interface's address would, and a server bound to
    // 0.0.0.0 answers there; one bound to 127.0.0.1 does not.
    expect(await accepts('127.0.0.2', port)).toBe(false)
  })

  it('answers /healthz and /readyz, with security headers and without x-powered-by', async () => {
    const health = await json(await fetch(`${server.base}/healthz`))
    expect(health).toMatchObject({ body: { status: 'ok' }, status: 200 })
    expect(health.headers.get('x-content-type-options')).toBe('nosniff')
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(health.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
    expect(health.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(health.headers.get('x-powered-by')).toBeNull()

    const ready = await json(await fetch(`${server.base}/readyz`))
    expect(ready).toMatchObject({ body: { database: 'ok', status: 'ready' }, status: 200 })
  })

  it('serves the REST API through Next.js, published content only, and logs the request', async () => {
    const res = await json(await fetch(`${server.base}/api/blog-posts?limit=10&depth=0`))
    expect(res.status).toBe(200)
    expect(res.body.totalDocs).toBe(5)
    expect(res.body.docs.every((doc: { _status: string }) => doc._status === 'published')).toBe(true)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    await eventually(() => expect(server.output()).toMatch(/\[http\] GET \/api\/blog-posts\?limit=10&depth=0 200/))
  })

  it('records the client address itself, ignoring a forged x-real-ip', async () => {
    const login = await json(
      await fetch(`${server.base}/api/users/login`, {
        body: JSON.stringify({ email: defaultAdminEmail, password: defaultAdminPassword }),
        headers: { 'Content-Type': 'application/json', 'x-real-ip': '203.0.113.9' },
        method: 'POST',
      }),
    )
    expect(login.status).toBe(200)
    const audit = await json(
      await fetch(`${server.base}/api/audit-logs?where[action][equals]=login&sort=-createdAt&limit=1&depth=0`, {
        headers: { Authorization: `JWT ${login.body.token}` },
      }),
    )
    expect(audit.body.docs[0].ip).toBe('127.0.0.1')
  })

  it('offers the GraphQL playground in development', async () => {
    const res = await fetch(`${server.base}/api/graphql-playground`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('GraphQL Playground')
  })

  it('serves the chat widget at /widget.js, compressed for clients that accept gzip', async () => {
    const res = await fetch(`${server.base}/widget.js`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(await res.text()).toContain('customElements.define(tag, AskfolioChat)')
  })

  it('serves the admin panel', async () => {
    const res = await fetch(`${server.base}/admin/login`)
    expect(res.status).toBe(200)
    expect(await res.text()).toMatch(/<title>Login\s*· askfolio/)
  })

  it('indexes the seeded content itself, then searches it and answers questions, streamed through Next.js', async () => {
    let results: { title: string }[] = []
    for (let i = 0; i < 120 && !results.some((result) => result.title === 'Tidewater'); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 500))
      results = (await json(await fetch(`${server.base}/api/search?q=tide%20table%20API`))).body.results ?? []
    }
    expect(results[0]).toMatchObject({ title: 'Tidewater' })

    const answer = await json(
      await fetch(`${server.base}/api/chat`, {
        body: JSON.stringify({ message: 'What is Tidewater built with?' }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      }),
    )
    expect(answer.status).toBe(200)
    // Without PUBLIC_URL the citations are paths on the site, whatever Host the request named.
    expect(answer.body.sources[0]).toMatchObject({ title: 'Tidewater', url: '/projects/tidewater' })

    const events = await postForEvents(
      `${server.base}/api/chat`,
      { message: 'How do you make webhooks idempotent?', sessionId: answer.body.sessionId },
      { headers: { 'Accept-Encoding': 'gzip' } },
    )
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/)
    // Compressed responses would hold tokens back: the stream goes out as it is.
    expect(events.headers.get('content-encoding')).toBeNull()
    expect(events.events.map((event) => event.event)).toEqual([
      'sources',
      ...Array(events.events.length - 2).fill('token'),
      'done',
    ])
    expect(events.events[0].data.sources[0].title).toBe('Designing idempotent webhooks')
    expect(tokensOf(events.events)).toMatch(/\[1\]/)
  })

  it('refuses oversized bodies with 413 before reading them, creating no conversation', async () => {
    const headers = { 'Content-Type': 'application/json' }
    const login = await json(
      await fetch(`${server.base}/api/users/login`, {
        body: JSON.stringify({ email: defaultAdminEmail, password: defaultAdminPassword }),
        headers,
        method: 'POST',
      }),
    )
    const sessions = async () =>
      (
        await json(
          await fetch(`${server.base}/api/chat-sessions?limit=1`, {
            headers: { Authorization: `JWT ${login.body.token}` },
          }),
        )
      ).body.totalDocs
    // Said to be 30 MB: server.ts refuses it (MAX_JSON_BODY_KB) before anything reads it.
    const declared = await rawRequest(server.base, '/api/chat', {
      headers,
      length: 30 * 1024 * 1024,
      pieces: ['{"message": "'],
    })
    expect(declared.status).toBe(413)
    expect(declared.body.errors[0].message).toBe('The body may be at most 1024 KB.')
    // 100 KB in chunks, no length: the chat's own 64 KB limit, counted as it arrives through Next.js.
    const before = await sessions()
    expect(before).toBeGreaterThan(0)
    const chunked = await rawRequest(server.base, '/api/chat', {
      headers,
      pieces: ['{"message": "What is Tidewater?", "padding": "', 'x'.repeat(100 * 1024), '"}'],
    })
    expect(chunked.status).toBe(413)
    expect(chunked.body.errors[0].message).toBe('The body may be at most 64 KB.')
    expect(await sessions()).toEqual(before)
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200)
  })

  it('shuts down cleanly on SIGTERM, releasing the database', async () => {
    const lock = readLock(embeddedPaths(dataDir).lockFile)
    expect(lock).not.toBeNull()
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('[server] stopped')
    expect(fs.existsSync(embeddedPaths(dataDir).lockFile)).toBe(false)
    expect(() => process.kill(lock!.pid, 0)).toThrow()
  })

  it('refuses to listen beyond loopback while the seeded admin still has the default password', async () => {
    const exposed = await launch({ ADMIN_PASSWORD: 'a password chosen too late', HOST: '0.0.0.0' })
    // Whichever comes first: it exits, or it listens after all.
    const listening = (async () => {
      while (!exposed.output().includes('listening on')) {
        if (exposed.child.exitCode !== null) return 'exited'
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      exposed.child.kill('SIGTERM')
      return 'listening'
    })()
    expect(await Promise.race([exposed.exited, listening])).toBe(1)
    expect(exposed.output()).toMatch(
      /cannot start: HOST=0\.0\.0\.0 would let anyone on the network sign in as admin@example\.com with the default password/,
    )
    expect(exposed.output()).toMatch(/ADMIN_PASSWORD/)
    expect(exposed.output()).not.toContain('listening on')
    expect(await accepts('127.0.0.1', exposed.port)).toBe(false)
    expect(fs.existsSync(embeddedPaths(dataDir).lockFile)).toBe(false)
  })

  it('keeps its data for the next start, without seeding again', async () => {
    server = await startServer()
    expect(server.output()).not.toContain('empty database')
    const res = await json(await fetch(`${server.base}/api/projects?limit=0&depth=0`))
    expect(res.body.totalDocs).toBe(5)
  })

  it('restarts its database when it dies, answering 503 meanwhile, and recovers by itself', async () => {
    const lock = readLock(embeddedPaths(dataDir).lockFile)!
    process.kill(lock.pid, 'SIGKILL')
    let api: Response | undefined
    for (const started = Date.now(); api?.status !== 503;) {
      if (Date.now() - started > 10_000)
        throw new Error(`no 503 while the database was down (last ${api?.status})\n${server.output()}`)
      api = await fetch(`${server.base}/api/projects?limit=1`)
    }
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await api.json()).toEqual({ errors: [{ message: expect.stringMatching(/database/i) }] })
    const page = await fetch(`${server.base}/`)
    if (page.status === 503) expect(await page.text()).toMatch(/Back in a moment/)

    let back: Response | undefined
    for (const started = Date.now(); back?.status !== 200;) {
      if (Date.now() - started > 60_000)
        throw new Error(`the server did not recover (last ${back?.status})\n${server.output()}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
      back = await fetch(`${server.base}/api/projects?limit=0&depth=0`)
    }
    expect((await back.json()).totalDocs).toBe(5)
    expect((await fetch(`${server.base}/`)).status).toBe(200)
    expect(server.output()).toContain('the embedded database exited unexpectedly')
    expect(readLock(embeddedPaths(dataDir).lockFile)!.port).toBe(lock.port)
  })

  it('then still shuts down cleanly, closing Payload before its database', async () => {
    const before = server.output().length
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    const shutdown = server.output().slice(before)
    expect(shutdown).toContain('[server] stopped')
    expect(shutdown).not.toMatch(/Connection terminated unexpectedly|Uncaught|failed/)
    expect(fs.existsSync(embeddedPaths(dataDir).lockFile)).toBe(false)
  })
})
