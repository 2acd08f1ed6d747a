import type { RequestHandler } from 'express'

import compression from 'compression'

/**
 * Gzip or deflate for what the app sends, as the client accepts. Next.js compresses only under `next start`, so
 * behind server.ts it is done here. Two details:
 * - Next.js copies a route handler's headers with `appendHeader`, which leaves Content-Type as an
 *   array; `compression` then takes it for an unknown type and skips it. It is flattened first.
 * - Event streams are left alone, so that each chat token leaves at once.
 */
export const compressResponses = (): RequestHandler =>
  compression({
    filter: (req, res) => {
      const type = res.getHeader('Content-Type')
      if (Array.isArray(type)) res.setHeader('Content-Type', type.join(', '))
      if (String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) return false
      return compression.filter(req, res)
    },
  })
