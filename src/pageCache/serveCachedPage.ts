import type { Request, RequestHandler } from 'express'

import type { CachedPage } from './pageCacheStore'

import crypto from 'node:crypto'
import { gzipSync } from 'node:zlib'

import { pageCacheStore } from './pageCacheStore'

/** What Next.js varies its pages on; the cached copy is the plain HTML one. */
const vary = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding'
const routerHeaders = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-action',
]

/**
 * A request Next.js would answer from its cache unchanged: a GET for the plain HTML, with no query,
 * not in draft mode (an editor's preview renders fresh) and not one of the router's own requests.
 */
const plainVisit = (req: Request) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !req.url.includes('?') &&
  !req.headers.cookie?.includes('__prerender_bypass=') &&
  routerHeaders.every((name) => req.headers[name] === undefined)

/** Whether the client takes gzip (`gzip` or `*` in Accept-Encoding, without `q=0`). */
const acceptsGzip = (req: Request) =>
  String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim().split(/\s*;\s*/))
    .some(([coding, ...params]) => (coding === 'gzip' || coding === '*') && !params.some((p) => /^q=0(\.0*)?$/.test(p)))

/** The ETags and gzipped body of a page, made once per cached copy (the same object until it is dropped). */
const prepared = new WeakMap<CachedPage, { etag: string; gzip: Buffer; gzipEtag: string; html: Buffer }>()
function prepare(page: CachedPage) {
  let ready = prepared.get(page)
  if (!ready) {
    const html = Buffer.from(page.html)
    const hash = crypto.createHash('sha1').update(html).digest('base64url').slice(0, 22)
    // Each encoding is its own representation, with its own strong ETag.
    ready = { etag: `"${hash}"`, gzip: gzipSync(html), gzipEtag: `"${hash}-gz"`, html }
    prepared.set(page, ready)
  }
  return ready
}

/**
 * Sends a page Next.js has rendered and cached (src/pageCache) without going through Next.js again:
 * a cached page is the same bytes for every visitor, and routing each request through Next's
 * handler costs more than the page itself. Anything else (a miss, a query, draft mode, the router's
 * RSC requests) goes on to Next.js, which fills the cache.
 */
export const serveCachedPage: RequestHandler = (req, res, next) => {
  const page = plainVisit(req) ? pageCacheStore()?.findPage(req.path) : undefined
  if (!page) return next()
  const ready = prepare(page)
  const gzipped = acceptsGzip(req)
  const etag = gzipped ? ready.gzipEtag : ready.etag
  for (const [name, value] of Object.entries(page.headers ?? {}))
    if (name !== 'x-next-cache-tags' && (typeof value === 'string' || typeof value === 'number'))
      res.setHeader(name, value)
  res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate')
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('ETag', etag)
  res.setHeader('Vary', vary)
  res.setHeader('x-nextjs-cache', 'HIT')
  const status = page.status ?? 200
  if (status === 200 && req.headers['if-none-match'] === etag) {
    res.status(304).end()
    return
  }
  const body = gzipped ? ready.gzip : ready.html
  if (gzipped) res.setHeader('Content-Encoding', 'gzip')
  res.setHeader('Content-Length', body.length)
  res.status(status).end(req.method === 'HEAD' ? undefined : body)
}
