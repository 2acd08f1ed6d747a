import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'
import crypto from 'node:crypto'

import { getRetrievalContext } from '../context'
import { queryRows, requestDatabase } from '../store/database'
import { rateLimitTable } from './rateLimitTable'

export type RateLimitRule = { limit: number; windowSeconds: number }
export type RateLimitDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number }

/** Keys are hashed with the app's secret, so the table holds no IP addresses. */
const hashKey = (payload: Payload, key: string) =>
  crypto.createHmac('sha256', payload.secret).update(key).digest('base64url')

type Transactional = { transactionID?: number | Promise<number | string> | string }

/**
 * Counts one request against `key` in the current fixed window, in the database, so the limit holds
 * across every app instance (in `req`'s transaction when it has one). Old windows are swept now and then.
 */
export async function hitRateLimit(
  payload: Payload,
  key: string,
  rule: RateLimitRule,
  req?: Transactional,
): Promise<RateLimitDecision> {
  // In the request's transaction when it has one: a refused request then rolls its own count back.
  const db = await requestDatabase(payload, req)
  const windowMs = rule.windowSeconds * 1000
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs)
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`
    insert into ${rateLimitTable} (key, window_start, count) values (${hashKey(payload, key)}, ${windowStart.toISOString()}, 1)
    on conflict (key, window_start) do update set count = ${rateLimitTable}.count + 1
    returning count`,
  )
  if (Math.random() < 0.01)
    await db.execute(sql`delete from ${rateLimitTable} where window_start < now() - interval '1 day'`)
  const count = Number(row.count)
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - Date.now()) / 1000))
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds }
}

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
