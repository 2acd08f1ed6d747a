import type { Endpoint } from 'payload'

import type { ChatContext } from '../context'

import { clientAddressOf, errorResponse, hitRateLimit, readJson, tooManyRequests } from '@askfolio/payload-retrieval'

import { messagesStore } from '../session/messagesStore'
import { isPublicId } from '../session/publicId'
import { corsFor } from './cors'

const maxComment = 1000

/** `POST /api/chat/feedback` `{ messageId, rating: "up" | "down", comment? }`, once per message. */
export const feedbackEndpoint = (context: ChatContext): Endpoint => ({
  handler: async (req) => {
    const cors = corsFor(context, req)
    if (cors.refused) return errorResponse(403, 'This site may not use the chat.', cors.headers)
    const body = await readJson(req, { headers: cors.headers, maxBytes: context.limits.bodyBytes })
    if (body instanceof Response) return body
    const { comment, messageId, rating } = body
    if (!isPublicId(messageId)) return errorResponse(400, '"messageId" must be the id of an answer.', cors.headers)
    if (rating !== 'up' && rating !== 'down')
      return errorResponse(400, '"rating" must be "up" or "down".', cors.headers)
    if (comment !== undefined && comment !== null && (typeof comment !== 'string' || comment.length > maxComment)) {
      return errorResponse(400, `"comment" must be text of at most ${maxComment} characters.`, cors.headers)
    }

    const decision = await hitRateLimit(req.payload, `chat:ip:${clientAddressOf(req)}`, context.limits.perIp)
    if (!decision.allowed) return tooManyRequests(decision, cors.headers)

    const { docs } = await messagesStore.find(req.payload, {
      depth: 0,
      limit: 1,
      overrideAccess: true,
      where: { publicId: { equals: messageId } },
    })
    const message = docs[0]
    if (!message) return errorResponse(400, 'Unknown message.', cors.headers)
    const updated = await messagesStore.updateWhere(
      req.payload,
      { and: [{ id: { equals: message.id } }, { rating: { exists: false } }] },
      {
        comment: typeof comment === 'string' && comment.trim() ? comment.trim() : null,
        rating,
        ratedAt: new Date().toISOString(),
      },
      { depth: 0, overrideAccess: true },
    )
    if (updated.length === 0) return errorResponse(409, 'Feedback was already recorded for this answer.', cors.headers)
    return Response.json({ ok: true }, { headers: cors.headers })
  },
  method: 'post',
  path: '/chat/feedback',
})
