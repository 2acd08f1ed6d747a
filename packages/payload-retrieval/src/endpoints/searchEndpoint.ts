import type { Endpoint } from 'payload'

import type { RetrievalContext } from '../context'

import { clientAddressOf, hitRateLimit, tooManyRequests } from '../rateLimit/rateLimit'
import { searchIndex } from '../search/searchIndex'
import { hasControlCharacters } from '../text/hasControlCharacters'
import { readBodyText } from './readBodyText'
import { errorResponse } from './respond'

export const maxQueryLength = 500

/**
 * `GET /api/search?q=…&limit=…&collection=…`: hybrid search over what visitors can see. Public, and
 * limited per client address.
 */
export const searchEndpoint = (context: RetrievalContext): Endpoint => ({
  handler: async (req) => {
    // A search carries no body; one that does (a POST overriding its method) must still be small.
    const body = await readBodyText(req, context.maxBodyBytes)
    if (body instanceof Response) return body
    const query = req.query as Record<string, unknown>
    const q = typeof query.q === 'string' ? query.q.trim() : ''
    if (!q) return errorResponse(400, 'Give a query in "q".')
    if (q.length > maxQueryLength) return errorResponse(400, `"q" may be at most ${maxQueryLength} characters.`)
    if (hasControlCharacters(q)) return errorResponse(400, '"q" may not contain control characters.')

    const limitText = query.limit === undefined ? '10' : String(query.limit)
    const limit = Number(limitText)
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 50)
      return errorResponse(400, '"limit" must be a whole number from 1 to 50.')

    const collections =
      typeof query.collection === 'string' && query.collection
        ? query.collection.split(',').map((s) => s.trim())
        : undefined
    const unknown = collections?.find((slug) => !context.sources.has(slug))
    if (unknown)
      return errorResponse(400, `"${unknown}" is not searchable; try ${[...context.sources.keys()].join(', ')}.`)

    const decision = await hitRateLimit(req.payload, `search:${clientAddressOf(req)}`, context.searchRateLimit)
    if (!decision.allowed) return tooManyRequests(decision)

    let degraded: string | undefined
    const hits = await searchIndex(req.payload, context, q, {
      collections,
      limit,
      onDegraded: (reason) => (degraded = reason),
    })
    return Response.json({
      ...(degraded ? { degraded } : {}),
      results: hits.map(({ collection, heading, id, page, score, snippet, title, url }) => ({
        collection,
        heading,
        id,
        page,
        score,
        snippet,
        title,
        url,
      })),
    })
  },
  method: 'get',
  path: '/search',
})
