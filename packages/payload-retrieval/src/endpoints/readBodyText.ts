import { errorResponse } from './respond'

export const defaultMaxBodyBytes = 64 * 1024

type BodyRequest = { body?: null | ReadableStream<Uint8Array>; headers: Headers }

const tooLarge = (maxBytes: number, headers: Record<string, string>) =>
  errorResponse(413, `The body may be at most ${Math.floor(maxBytes / 1024)} KB.`, { ...headers, Connection: 'close' })

/**
 * The body as text, or a 413 once it passes `maxBytes`: refused on its Content-Length before a byte is
 * read, and counted while a chunked body streams in, so an oversized one is never held in memory or
 * parsed. The plugins run in any Payload host, so they cannot count on the host to bound bodies.
 */
export async function readBodyText(
  req: BodyRequest,
  maxBytes: number,
  headers: Record<string, string> = {},
): Promise<Response | string> {
  const declared = Number(req.headers.get('content-length'))
  if (declared > maxBytes) {
    await req.body?.cancel().catch(() => {})
    return tooLarge(maxBytes, headers)
  }
  if (!req.body) return ''
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      received += value.byteLength
      if (received > maxBytes) {
        await reader.cancel().catch(() => {})
        return tooLarge(maxBytes, headers)
      }
      chunks.push(value)
    }
  } catch {
    // The client went away mid-body, or the host cut it off (a server in front may cut bodies past its own limit).
    return errorResponse(400, 'The body could not be read to its end.', headers)
  }
  return Buffer.concat(chunks).toString('utf8')
}
