import type { IncomingMessage, ServerResponse } from 'node:http'

import {
  databaseAvailability,
  databaseUnavailableMessage,
  markDatabaseDown,
  markDatabaseUp,
  retryAfterSeconds,
} from '../db/databaseAvailability'
import { unavailableHeader } from '../hooks/answerDatabaseUnavailable'

type Next = () => void

// What does not need the database: health checks and Next.js's built assets.
const exempt = (url = '') =>
  url === '/healthz' || url === '/readyz' || url.startsWith('/_next/') || url === '/favicon.ico'

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Back in a moment</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1>Back in a moment</h1><p>The site cannot reach its database right now. Please reload the page in a few seconds.</p></body></html>`

function refuse(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Retry-After', String(retryAfterSeconds))
  res.setHeader('Cache-Control', 'no-store')
  if ((req.url ?? '').startsWith('/api/')) {
    res
      .writeHead(503, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ errors: [{ message: databaseUnavailableMessage }] }))
  } else {
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' }).end(page)
  }
}

/**
 * Sets 503 on a response that failed for want of the database: one Payload's error hook marked
 * (GraphQL answers 200 with errors), or any 5xx while the database is known to be down (a site page
 * whose rendering failed).
 */
function answer503WhenUnavailable(res: ServerResponse): void {
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const headers = rest.find((arg) => arg && typeof arg === 'object' && !Array.isArray(arg)) as
      Record<string, unknown> | undefined
    const marked = res.hasHeader(unavailableHeader) || Boolean(headers && unavailableHeader in headers)
    if (headers) delete headers[unavailableHeader]
    res.removeHeader(unavailableHeader)
    if (marked || (status >= 500 && databaseAvailability().down)) {
      status = 503
      res.setHeader('Retry-After', String(retryAfterSeconds))
    }
    return writeHead.call(this, status, ...(rest as []))
  } as ServerResponse['writeHead']
}

/**
 * Express (or plain node:http) middleware. While the database is known to be down, requests are
 * answered 503 at once: JSON `{ errors: [{ message }] }` under /api, a short page elsewhere, both
 * with Retry-After. At most once per `probeIntervalMs` a request runs `probe` (a `select 1` on its
 * own small pool); when that succeeds the app serves normally again, with no restart.
 */
export function databaseGate({
  probe,
  probeIntervalMs = 1000,
}: {
  probe: () => Promise<void>
  probeIntervalMs?: number
}) {
  let lastProbe = 0
  let inFlight: Promise<void> | undefined
  const recheck = () => {
    if (!inFlight && Date.now() - lastProbe >= probeIntervalMs) {
      lastProbe = Date.now()
      inFlight = probe()
        .then(markDatabaseUp, markDatabaseDown)
        .finally(() => (inFlight = undefined))
    }
    return inFlight
  }
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    if (exempt(req.url)) return next()
    if (databaseAvailability().down) await recheck()
    if (databaseAvailability().down) return refuse(req, res)
    answer503WhenUnavailable(res)
    next()
  }
}
