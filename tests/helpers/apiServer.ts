import type { AddressInfo } from 'node:net'
import type { SanitizedConfig } from 'payload'

import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'
import http from 'node:http'

import { databaseGate } from '../../src/server/databaseGate'
import { readiness } from '../../src/server/health'

type RouteHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

export type ApiServer = { close: () => Promise<void>; url: string }

/**
 * A real HTTP server in front of the very route handlers that `src/app/(payload)/api` gives Next.js
 * (REST and GraphQL), so tests speak HTTP (status codes, headers, cookies, multipart, streamed
 * responses) without compiling the Next.js app. Like server.ts, it passes the socket address on as
 * `x-real-ip` and puts the database gate (503 while the database is down) in front. It serves the
 * app's config, or another host's (the example website's).
 */
export async function startApiServer(hostConfig?: Promise<SanitizedConfig>): Promise<ApiServer> {
  // Loaded here, not at the top, so a test file can set the environment the config reads first.
  const config = hostConfig ?? (await import('../../payload.config')).default
  const rest: Record<string, RouteHandler> = {
    DELETE: REST_DELETE(config),
    GET: REST_GET(config),
    OPTIONS: REST_OPTIONS(config),
    PATCH: REST_PATCH(config),
    POST: REST_POST(config),
    PUT: REST_PUT(config),
  }
  const graphql = GRAPHQL_POST(config)
  // As in server.ts: answer 503 at once while the database is known to be down, and notice it coming back.
  const probe = readiness({ connectionString: process.env.DATABASE_URL ?? '' })
  const gate = databaseGate({ probe: probe.check })

  const server = http.createServer(async (req, res) => {
    res.on('error', () => {})
    let passed = false
    await gate(req, res, () => (passed = true))
    if (!passed) return
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
      headers.set('x-real-ip', req.socket.remoteAddress ?? '')
      const method = req.method ?? 'GET'
      const body = chunks.length > 0 && method !== 'GET' && method !== 'HEAD' ? Buffer.concat(chunks) : undefined
      const request = new Request(url, { body, headers, method })

      let response: Response
      if (url.pathname === '/api/graphql' && method === 'POST') {
        response = await graphql(request)
      } else if (url.pathname.startsWith('/api/') && rest[method]) {
        const slug = url.pathname.slice('/api/'.length).split('/').filter(Boolean).map(decodeURIComponent)
        response = await rest[method](request, { params: Promise.resolve({ slug }) })
      } else {
        response = Response.json({ errors: [{ message: 'Not found' }] }, { status: 404 })
      }

      const outgoing: Record<string, string | string[]> = {}
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') outgoing[name] = value
      })
      const cookies = response.headers.getSetCookie()
      if (cookies.length > 0) outgoing['set-cookie'] = cookies
      res.writeHead(response.status, outgoing)
      await pipeBody(response, res)
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }))
    }
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive and streaming connections too, so close() does not wait for clients to leave.
        server.closeAllConnections()
        server.close(() => resolve())
      }).then(probe.close),
    url: `http://127.0.0.1:${port}`,
  }
}

/**
 * Streams the body as it is produced (server-sent events arrive token by token). When the client goes
 * away first, the body stream is cancelled, as Next.js does, so the handler can stop its work.
 */
async function pipeBody(response: Response, res: http.ServerResponse): Promise<void> {
  if (!response.body) return void res.end()
  const reader = response.body.getReader()
  const onClose = () => {
    if (!res.writableFinished) void reader.cancel(new Error('client disconnected')).catch(() => {})
  }
  res.on('close', onClose)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.destroyed) res.write(value)
    }
  } catch {
    // cancelled because the client left
  } finally {
    res.off('close', onClose)
    res.end()
  }
}
