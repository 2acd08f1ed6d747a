import { errorResponse } from '../../retrieval'

/** A JSON object from the body, or a 400 that says what is wrong. */
export async function readJsonObject(req: { json?: () => Promise<unknown> }, headers: Record<string, string>): Promise<Record<string, unknown> | Response> {
  let body: unknown
  try {
    body = req.json ? await req.json() : undefined
  } catch {
    return errorResponse(400, 'The body is not valid JSON.', headers)
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return errorResponse(400, 'Send a JSON object.', headers)
  return body as Record<string, unknown>
}
