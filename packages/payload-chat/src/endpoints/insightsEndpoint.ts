import type { Access, Endpoint } from 'payload'

import { errorResponse } from '@askfolio/payload-retrieval'

import { computeInsights, parseDays } from '../insights/computeInsights'
import { canReadInsights } from '../insights/insightsAccess'

/**
 * `GET /api/chat/insights?days=30`: questions per day, the unanswered rate, the most asked unanswered
 * questions, the latest thumbs-down and the most cited sources over the last `days` days (1 to 365).
 * For users who may read the chat messages.
 */
export const insightsEndpoint = (read: Access): Endpoint => ({
  handler: async (req) => {
    if (!(await canReadInsights(read, req))) return errorResponse(403, 'You are not allowed to read the chat insights.')
    const parsed = parseDays((req.query as Record<string, unknown>).days)
    if ('error' in parsed) return errorResponse(400, parsed.error)
    const insights = await computeInsights(req.payload, { days: parsed.days })
    return Response.json(insights, { headers: { 'Cache-Control': 'no-store' } })
  },
  method: 'get',
  path: '/chat/insights',
})
