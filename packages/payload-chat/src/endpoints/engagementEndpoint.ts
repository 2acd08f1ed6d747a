import type { Endpoint } from 'payload'

import type { ChatContext } from '../context'
import type { EngagementEvent } from '../engagement/recordEngagement'

import { clientAddressOf, errorResponse, hitRateLimits, readJson, tooManyRequests } from '@askfolio/payload-retrieval'

import { engagementKinds } from '../engagement/engagementCollection'
import { recordEngagement } from '../engagement/recordEngagement'
import { corsFor } from './cors'
import { sitePath } from './sitePath'

/** Events in one request at most (the widget sends one, or a few saved while offline). */
export const maxEventsPerRequest = 20

/**
 * A cited source's address as clicked: its path on the site (an absolute citation link is reduced
 * to its path), keeping a PDF's `#page=N`, which is part of what was cited.
 */
function clickTarget(value: unknown): { error: string } | { path: string } {
  let text = value
  if (typeof value === 'string' && /^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value)
      text = url.pathname + url.hash
    } catch {
      return { error: '"target" must be a link to a page of the site.' }
    }
  }
  const checked = sitePath(text, 'target')
  if ('error' in checked) return checked
  const page = /#page=\d{1,5}$/.exec(String(text))?.[0] ?? ''
  return { path: checked.path + page }
}

function parseEvents(body: Record<string, unknown>): { error: string } | { events: EngagementEvent[] } {
  const list = body.events
  if (!Array.isArray(list) || list.length === 0 || list.length > maxEventsPerRequest)
    return { error: `"events" must be a list of 1 to ${maxEventsPerRequest} events.` }
  const events: EngagementEvent[] = []
  for (const item of list as Record<string, unknown>[]) {
    const kind = item?.kind
    if (typeof kind !== 'string' || !(engagementKinds as readonly string[]).includes(kind))
      return { error: `An event's "kind" must be one of ${engagementKinds.join(', ')}.` }
    const page = sitePath(item.page, 'page')
    if ('error' in page) return page
    const target = kind === 'click' ? clickTarget(item.target) : { path: '' }
    if ('error' in target) return target
    events.push({ kind: kind as EngagementEvent['kind'], page: page.path, target: target.path })
  }
  return { events }
}

/**
 * `POST /api/chat/events` `{ events: [{ kind, page, target? }] }`: the widget's counts (a page
 * view, the panel opened, a question asked, a cited source clicked). Sent with `sendBeacon`, so a
 * text/plain body is read as JSON too. Nothing about the visitor is stored; the per-address limit
 * is counted under an HMAC of the address, as every rate limit is.
 */
export const engagementEndpoint = (context: ChatContext): Endpoint => ({
  handler: async (req) => {
    const cors = corsFor(context, req)
    if (cors.refused) return errorResponse(403, 'This site may not use the chat.', cors.headers)
    const body = await readJson(req, { headers: cors.headers, maxBytes: 16 * 1024 })
    if (body instanceof Response) return body
    const parsed = parseEvents(body)
    if ('error' in parsed) return errorResponse(400, parsed.error, cors.headers)
    const decision = await hitRateLimits(req.payload, [
      { key: `chat:events:${clientAddressOf(req)}`, rule: context.limits.eventsPerIp },
    ])
    if (!decision.allowed) return tooManyRequests(decision, cors.headers)
    await recordEngagement(req.payload, parsed.events)
    return new Response(null, { headers: cors.headers, status: 204 })
  },
  method: 'post',
  path: '/chat/events',
})
