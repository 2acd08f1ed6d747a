import type { Payload } from 'payload'

import { getRetrievalContext } from '../context'
import { hitRateLimits, type RateLimitDecision, type RateLimitRule } from './hitRateLimits'

export type { RateLimitCheck, RateLimitDecision, RateLimitRule } from './hitRateLimits'
export { hitRateLimits }

type Transactional = { transactionID?: number | Promise<number | string> | string }

/**
 * Counts one request against `key` in the current fixed window, in the database, so the limit holds
 * across every app instance (in `req`'s transaction when it has one). Old windows are swept now and then.
 */
export const hitRateLimit = (
  payload: Payload,
  key: string,
  rule: RateLimitRule,
  req?: Transactional,
): Promise<RateLimitDecision> => hitRateLimits(payload, [{ key, rule }], req)

/** A 429 in Payload's error shape, with Retry-After. */
export const tooManyRequests = (decision: RateLimitDecision, headers: Record<string, string> = {}) =>
  Response.json(
    { errors: [{ message: `Too many requests. Try again in ${decision.retryAfterSeconds} seconds.` }] },
    { headers: { ...headers, 'Retry-After': String(decision.retryAfterSeconds) }, status: 429 },
  )

/**
 * The visitor's address as the plugin's `clientAddress` option reads it, or 'unknown' (one bucket
 * shared by every visitor) without one. For the host's and other plugins' rate limits too, so that
 * every limit keys a visitor the same way.
 */
export const clientAddressOf = (req: { headers: Headers; payload: Payload }) =>
  getRetrievalContext(req.payload).clientAddress?.(req)?.trim() || 'unknown'

/** Reads the address from a header the host's proxy sets, overwriting whatever the visitor sent (nginx's X-Real-IP, say). */
export const addressFromHeader =
  (name: string) =>
  (req: { headers: Headers }): null | string =>
    req.headers.get(name)
