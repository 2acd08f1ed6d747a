import type { AfterErrorHook } from 'payload'

import { databaseUnavailableMessage, markDatabaseDown, retryAfterSeconds } from '../db/databaseAvailability'
import { isDatabaseUnavailable } from '../db/isDatabaseUnavailable'

/** Marks a response whose status the server should turn into 503 (GraphQL answers 200 with errors). */
export const unavailableHeader = 'x-askfolio-database-unavailable'

/**
 * Payload's `afterError` hook: a request that failed because the database cannot be reached answers
 * 503 with Retry-After and a message saying so (REST and custom endpoints such as /api/chat and
 * /api/search), instead of a 500 "Something went wrong.". GraphQL keeps its 200 with `errors`, the
 * message says what happened, and the header above lets the server's gate set 503. The process
 * remembers that the database is down, so later requests are answered at once (databaseGate.ts).
 */
export const answerDatabaseUnavailable: AfterErrorHook = ({ error, graphqlResult, req }) => {
  if (!isDatabaseUnavailable(error)) return
  markDatabaseDown(error)
  const headers = (req.responseHeaders ??= new Headers())
  headers.set('Retry-After', String(retryAfterSeconds))
  headers.set(unavailableHeader, '1')
  return {
    graphqlResult: graphqlResult && {
      ...graphqlResult,
      extensions: { ...graphqlResult.extensions, statusCode: 503 },
      message: databaseUnavailableMessage,
    },
    response: { errors: [{ message: databaseUnavailableMessage }] },
    status: 503,
  }
}
