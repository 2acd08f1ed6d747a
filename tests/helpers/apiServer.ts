import type { AddressInfo } from 'node:net'

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


type RouteHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

export type ApiServer = { close: () => Promise<void>; url: string }

/**
 * A real HTTP server in front of the very route handlers that `src/app/(payload)/api` gives Next.js
 * (REST and GraphQL), so tests speak HTTP (status codes, headers, cookies, multipart) without
 * compiling the Next.js app. Like server.ts, it passes the socket address on as `x-real-ip`.
 */
export async function startApiServer(): Promise<ApiServer> {
  // Loaded here, not at the top, so a test file can set the environment the config reads first.
  const { default: config } = await import('../../payload.config')
  const rest: Record<string, RouteHandler> = {
    DELETE: REST_DELETE(config),
    GET: REST_GET(config),
    OPTIONS: REST_OPTIONS(config),
    PATCH: REST_PATCH(config),
    POST: REST_POST(config),
    PUT: REST_PUT(config),
  }
  const graphql = GRAPHQL_POST(config)

  const server = http.createServer(async (req, res) => {
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
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }))
    }
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    url: `http://127.0.0.1:${port}`,
  }
}
