/**
 * The body limit in front of the API (server.ts), over real HTTP: 413 before an oversized body is
 * read, whether it says its length or streams in chunks, while uploads and small bodies pass intact.
 */
import type { AddressInfo } from 'node:net'

import express from 'express'
import http from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'

import { limitJsonBodies, maxJsonBodyBytes } from '../../src/server/limitJsonBodies'

const maxBytes = 4 * 1024
/** What the handler behind the limit read: like Next.js, it reads the whole request stream. */
const seen: { bytes: number; complete: boolean; path: string }[] = []
const app = express()
app.use(limitJsonBodies({ maxBytes }))
app.use((req, res) => {
  const entry = { bytes: 0, complete: false, path: req.path }
  seen.push(entry)
  req.on('data', (chunk: Buffer) => (entry.bytes += chunk.length))
  req.on('error', () => {})
  req.on('end', () => {
    entry.complete = true
    res.json({ bytes: entry.bytes })
  })
})
const server = http.createServer(app)
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address() as AddressInfo
afterAll(() => new Promise((resolve) => server.close(resolve)))

type Sent = { body: any; status: number }

/** Sends `pieces` one after another; without `length` the body goes chunked (no Content-Length). */
function send(
  path: string,
  pieces: Buffer[],
  { length, type = 'application/json' }: { length?: number; type?: string } = {},
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, number | string> = { 'Content-Type': type }
    if (length !== undefined) headers['Content-Length'] = length
    const req = http.request({ headers, host: '127.0.0.1', method: 'POST', path, port }, (res) => {
      let text = ''
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ body: JSON.parse(text), status: res.statusCode! }))
    })
    req.on('error', reject)
    const writeNext = (index: number) => {
      if (index === pieces.length) return void req.end()
      if (req.destroyed) return
      req.write(pieces[index], () => setTimeout(() => writeNext(index + 1), 5))
    }
    writeNext(0)
  })
}

const kilobytes = (count: number) => Buffer.alloc(count * 1024, ' ')

describe('limitJsonBodies', () => {
  it('refuses a body whose Content-Length is over the limit before reading any of it', async () => {
    seen.length = 0
    const res = await send('/api/chat', [Buffer.from('{}')], { length: maxBytes + 1 }).catch((error) => error)
    expect(res.status).toBe(413)
    expect(res.body.errors[0].message).toBe('The body may be at most 4 KB.')
    expect(seen).toEqual([])
  })

  it('counts a chunked body as it arrives and stops passing it on at the limit', async () => {
    seen.length = 0
    const pieces = [Buffer.from('{"message": "hi"}'), ...Array.from({ length: 12 }, () => kilobytes(1))]
    const res = await send('/api/chat', pieces)
    expect(res.status).toBe(413)
    expect(res.body.errors[0].message).toMatch(/at most 4 KB/)
    // The handler saw at most the limit, and never the end of a body it could take for a whole one.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen).toHaveLength(1)
    expect(seen[0].bytes).toBeLessThanOrEqual(maxBytes)
    expect(seen[0].complete).toBe(false)
  })

  it('passes bodies within the limit through intact, chunked or not', async () => {
    expect(await send('/api/projects', [kilobytes(2), kilobytes(2)])).toEqual({
      body: { bytes: maxBytes },
      status: 200,
    })
    expect(await send('/api/projects', [kilobytes(3)], { length: 3 * 1024 })).toEqual({
      body: { bytes: 3 * 1024 },
      status: 200,
    })
  })

  it('leaves uploads (multipart) and pages outside the API alone', async () => {
    expect((await send('/api/media', [kilobytes(8)], { type: 'multipart/form-data; boundary=x' })).status).toBe(200)
    expect((await send('/admin', [kilobytes(8)])).status).toBe(200)
  })

  it('reads MAX_JSON_BODY_KB, 1 MB by default', () => {
    expect(maxJsonBodyBytes(undefined)).toBe(1024 * 1024)
    expect(maxJsonBodyBytes('64')).toBe(64 * 1024)
    expect(maxJsonBodyBytes('nonsense')).toBe(1024 * 1024)
  })
})
