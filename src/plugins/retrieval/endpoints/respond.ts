/** Errors in Payload's own shape, so API clients handle every endpoint alike; `headers` for CORS and the like. */
export const errorResponse = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ errors: [{ message }] }, { headers, status })

/** Reads a JSON body, or answers 400 when there is none or it is not JSON. */
export async function readJson(req: { json?: () => Promise<unknown> }): Promise<Record<string, unknown> | Response> {
  try {
    const body = req.json ? await req.json() : undefined
    if (!body || typeof body !== 'object' || Array.isArray(body)) return errorResponse(400, 'Send a JSON object.')
    return body as Record<string, unknown>
  } catch {
    return errorResponse(400, 'Invalid JSON')
  }
}
