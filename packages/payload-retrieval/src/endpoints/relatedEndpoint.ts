import type { Endpoint, Payload } from 'payload'

import type { RetrievalContext } from '../context'

import { findRelatedDocuments } from '../neighbours/findRelatedDocuments'
import { clientAddressOf, hitRateLimit, tooManyRequests } from '../rateLimit/rateLimit'
import { hasControlCharacters } from '../text/hasControlCharacters'
import { readBodyText } from './readBodyText'
import { errorResponse } from './respond'

/** The longest `id` read (a text id; a numeric one is at most 15 digits). */
export const maxIdLength = 200

/** The indexed collections, as a 404 names them. */
const indexedCollections = (context: RetrievalContext) =>
  [...context.sources.values()].filter((source) => source.kind === 'collection').map((source) => source.slug)

/**
 * Why `id` cannot name a document of `slug`, or null: a numeric id must be a positive whole number
 * (checked here, so a malformed one never reaches the database), a text one short and printable.
 */
export function idProblem(payload: Payload, slug: string, id: string): null | string {
  const idType = new Map(Object.entries(payload.collections)).get(slug)?.customIDType ?? payload.db.defaultIDType
  if (idType === 'number') return /^[1-9]\d{0,14}$/.test(id) ? null : '"id" must be a positive whole number.'
  if (id.length > maxIdLength) return `"id" may be at most ${maxIdLength} characters.`
  return hasControlCharacters(id) ? '"id" may not contain control characters.' : null
}

/**
 * `GET /api/related?collection=…&id=…&limit=…`: the published documents closest to one published
 * document (see neighbours/findRelatedDocuments.ts). Public, and counted against `/api/search`'s
 * rate limit per client address. 404 for a collection that is not indexed, and for a document a
 * visitor cannot read (missing, a draft, trashed: all alike) or that is not indexed yet.
 */
export const relatedEndpoint = (context: RetrievalContext): Endpoint => ({
  handler: async (req) => {
    // A GET carries no body; one that does (a POST overriding its method) must still be small.
    const body = await readBodyText(req, context.maxBodyBytes)
    if (body instanceof Response) return body
    const query = req.query as Record<string, unknown>
    const collection = typeof query.collection === 'string' ? query.collection.trim() : ''
    if (!collection) return errorResponse(400, 'Give the document\'s collection in "collection".')
    const id = typeof query.id === 'string' ? query.id.trim() : ''
    if (!id) return errorResponse(400, 'Give the document\'s id in "id".')
    const { maxLimit } = context.related
    const limitText = query.limit === undefined ? String(context.related.defaultLimit) : String(query.limit)
    const limit = Number(limitText)
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > maxLimit)
      return errorResponse(400, `"limit" must be a whole number from 1 to ${maxLimit}.`)
    const source = context.sources.get(collection)
    if (!source || source.kind !== 'collection')
      return errorResponse(
        404,
        `"${collection}" is not an indexed collection; try ${indexedCollections(context).join(', ')}.`,
      )
    const problem = idProblem(req.payload, collection, id)
    if (problem) return errorResponse(400, problem)

    const decision = await hitRateLimit(req.payload, `search:${clientAddressOf(req)}`, context.searchRateLimit)
    if (!decision.allowed) return tooManyRequests(decision)

    const answer = await findRelatedDocuments(req.payload, context, { collection, id, limit })
    if (answer.reason === 'missing')
      return errorResponse(404, `No published document in "${collection}" has the id "${id}".`)
    if (answer.reason === 'notIndexed')
      return errorResponse(404, `The document "${id}" in "${collection}" is not in the search index yet.`)
    return Response.json({
      mode: answer.mode,
      results: answer.results.map(({ collection, heading, id, score, snippet, title, url }) => ({
        collection,
        heading,
        id,
        score,
        snippet,
        title,
        url,
      })),
    })
  },
  method: 'get',
  path: '/related',
})
