import type { RequestHandler } from 'express'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** MAX_JSON_BODY_KB in bytes (default 1 MB): enough for any document the REST API takes as JSON. */
export const maxJsonBodyBytes = (value = process.env.MAX_JSON_BODY_KB) =>
  (Number(value) > 0 ? Number(value) : 1024) * 1024

const refuse = (res: ServerResponse, maxBytes: number) => {
  const body = JSON.stringify({ errors: [{ message: `The body may be at most ${Math.floor(maxBytes / 1024)} KB.` }] })
  // The rest of the body is never read, so the connection cannot carry another request.
  res.writeHead(413, {
    Connection: 'close',
    'Content-Length': Buffer.byteLength(body),
    'Content-Type': 'application/json',
  })
  res.end(body)
}

/*
 * Node's HTTP parser hands each piece of a body to `push`. Counting there sees every byte as it
 * arrives, before Next.js or Payload read any, without consuming the stream they read later. Past the
 * limit nothing more is passed on (not even the end, so no handler takes the first part for a whole
 * body) and the client gets 413 with `Connection: close`; closing the connection then fails the
 * request stream for whoever was reading it.
 */
function countWhileReading(req: IncomingMessage, res: ServerResponse, maxBytes: number) {
  const push = req.push.bind(req)
  let received = 0
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (received > maxBytes) return true
    if (chunk === null) return push(chunk)
    received += (chunk as Buffer).length
    if (received <= maxBytes) return push(chunk, encoding)
    if (res.headersSent) req.destroy()
    else refuse(res, maxBytes)
    return true
  }
}

/**
 * Bounds bodies sent to the API (JSON, GraphQL, forms other than uploads): 413 past `maxBytes`, by
 * Content-Length before anything is read, or counted while a chunked body streams in. Uploads
 * (multipart) are Payload's to bound, by MAX_UPLOAD_MB.
 */
export const limitJsonBodies =
  ({ maxBytes, prefix = '/api/' }: { maxBytes: number; prefix?: string }): RequestHandler =>
  (req, res, next) => {
    if (!req.path.startsWith(prefix) || req.is('multipart/form-data')) return next()
    if (Number(req.headers['content-length']) > maxBytes) return refuse(res, maxBytes)
    if (req.headers['transfer-encoding']) countWhileReading(req, res, maxBytes)
    next()
  }
