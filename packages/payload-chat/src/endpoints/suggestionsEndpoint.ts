import type { Endpoint } from 'payload'

import type { ChatContext } from '../context'

import { clientAddressOf, errorResponse, hitRateLimits, tooManyRequests } from '@askfolio/payload-retrieval'

import { suggestQuestions } from '../suggestions/suggestQuestions'
import { corsFor } from './cors'
import { sitePath } from './sitePath'

/**
 * `GET /api/chat/suggestions?page=/projects/x`: `{ questions }`, the questions the widget offers on
 * that page before the first one (without `page`, the site's in general). Each was checked to get
 * an answer when the list was made. Making a list (not reading one from the cache) counts against
 * the per-address question limit, in its own bucket.
 */
export const suggestionsEndpoint = (context: ChatContext): Endpoint => ({
  handler: async (req) => {
    const cors = corsFor(context, req)
    if (cors.refused) return errorResponse(403, 'This site may not use the chat.', cors.headers)
    const page = req.searchParams?.get('page')
    const checked = page === null || page === undefined ? { path: undefined } : sitePath(page, 'page')
    if ('error' in checked) return errorResponse(400, checked.error, cors.headers)
    // A list from the cache is free; making one searches once per candidate, so it counts against
    // the same per-address limit as questions (in a bucket of its own).
    let refused: null | Response = null
    const questions = await suggestQuestions(req.payload, context, checked.path, {
      mayMake: async () => {
        const key = `chat:suggestions:${clientAddressOf(req)}`
        const decision = await hitRateLimits(req.payload, [{ key, rule: context.limits.perIp }])
        if (!decision.allowed) refused = tooManyRequests(decision, cors.headers)
        return decision.allowed
      },
    })
    if (refused || !questions) return refused ?? errorResponse(429, 'Too many requests.', cors.headers)
    return Response.json(
      { questions },
      { headers: { ...cors.headers, 'Cache-Control': `public, max-age=${context.suggestions.cacheSeconds}` } },
    )
  },
  method: 'get',
  path: '/chat/suggestions',
})
