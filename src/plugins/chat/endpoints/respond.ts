import { errorResponse, readBodyText } from '@askfolio/payload-retrieval'

/** A JSON object from a body of at most `maxBytes` (413 above it, before parsing), or a 400 that says what is wrong. */
export async function readJsonObject(
  req: { body?: null | ReadableStream<Uint8Array>; headers: Headers },
  headers: Record<string, string>,
  maxBytes: number,
): Promise<Record<string, unknown> | Response> {
  const text = await readBodyText(req, maxBytes, headers)
  if (text instanceof Response) return text
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    return errorResponse(400, 'The body is not valid JSON.', headers)
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return errorResponse(400, 'Send a JSON object.', headers)
  return body as Record<string, unknown>
}
