import { defaultMaxBodyBytes, readBodyText } from './readBodyText'

/** Errors in Payload's own shape, so API clients handle every endpoint alike; `headers` for CORS and the like. */
export const errorResponse = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ errors: [{ message }] }, { headers, status })

type JsonRequest = { body?: null | ReadableStream<Uint8Array>; headers: Headers }

/**
 * Reads a JSON body of at most `maxBytes` (413 above it, before parsing), or answers 400 when there is
 * none or it is not a JSON object.
 */
export async function readJson(
  req: JsonRequest,
  { headers = {}, maxBytes = defaultMaxBodyBytes }: { headers?: Record<string, string>; maxBytes?: number } = {},
): Promise<Record<string, unknown> | Response> {
  const text = await readBodyText(req, maxBytes, headers)
  if (text instanceof Response) return text
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    return errorResponse(400, 'Invalid JSON', headers)
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return errorResponse(400, 'Send a JSON object.', headers)
  return body as Record<string, unknown>
}
