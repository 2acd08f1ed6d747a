import type { Endpoint, PayloadRequest } from 'payload'

import type { ChatContext } from '../context'

export type CorsDecision = { headers: Record<string, string>; refused: boolean }

/**
 * The origin the visitor used, from the Host header (and X-Forwarded-Proto behind a TLS proxy):
 * behind a custom server, the request's URL names the address the server listens on (0.0.0.0).
 */
export function requestOrigin(req: PayloadRequest): string {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0].trim() || url.protocol.replace(/:$/, '')
  const host = req.headers.get('host') || url.host
  return `${proto}://${host}`
}

/**
 * The widget may run on other sites. A request from a browser carries its page's origin: the app's
 * own origin and the configured ones are answered with CORS headers; any other is refused (403).
 * Requests without an Origin (servers, curl) are not a CORS matter.
 */
export function corsFor(context: ChatContext, req: PayloadRequest): CorsDecision {
  const origin = req.headers.get('origin')
  if (!origin) return { headers: {}, refused: false }
  const own = [requestOrigin(req), context.publicUrl].filter(Boolean)
  if (!own.includes(origin) && !context.allowedOrigins.includes(origin))
    return { headers: { Vary: 'Origin' }, refused: true }
  return {
    headers: {
      'Access-Control-Allow-Headers': 'Content-Type, Accept',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Origin': origin,
      // The widget on another site reads how long to wait after a 429.
      'Access-Control-Expose-Headers': 'Retry-After',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    },
    refused: false,
  }
}

/** The CORS preflight for one of the chat's paths. */
export const preflightEndpoint = (context: ChatContext, path: string): Endpoint => ({
  handler: (req) => {
    const cors = corsFor(context, req)
    return new Response(null, { headers: cors.headers, status: cors.refused ? 403 : 204 })
  },
  method: 'options',
  path,
})
