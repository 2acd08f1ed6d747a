import type { Endpoint } from 'payload'

import type { ChatContext } from '../context'

import { errorResponse } from '@askfolio/payload-retrieval'

import { suggestQuestions } from '../suggestions/suggestQuestions'
import { corsFor } from './cors'
import { sitePath } from './sitePath'

/**
 * `GET /api/chat/suggestions?page=/projects/x`: `{ questions }`, the questions the widget offers on
 * that page before the first one (without `page`, the site's in general). Each was checked to get
 * an answer when the list was made.
 */
export const suggestionsEndpoint = (context: ChatContext): Endpoint => ({
  handler: async (req) => {
    const cors = corsFor(context, req)
    if (cors.refused) return errorResponse(403, 'This site may not use the chat.', cors.headers)
    const page = req.searchParams?.get('page')
    const checked = page === null || page === undefined ? { path: undefined } : sitePath(page, 'page')
    if ('error' in checked) return errorResponse(400, checked.error, cors.headers)
    const questions = await suggestQuestions(req.payload, context, checked.path)
    return Response.json(
      { questions },
      { headers: { ...cors.headers, 'Cache-Control': `public, max-age=${context.suggestions.cacheSeconds}` } },
    )
  },
  method: 'get',
  path: '/chat/suggestions',
})
