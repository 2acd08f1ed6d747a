import type { Payload } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import crypto from 'node:crypto'

import { queryRows, requestDatabase } from '../store/database'
import { rateLimitTable } from './rateLimitTable'

export type RateLimitRule = { limit: number; windowSeconds: number }
export type RateLimitDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number }
export type RateLimitCheck = { key: string; rule: RateLimitRule }

type Transactional = { transactionID?: number | Promise<number | string> | string }

/** Keys are hashed with the app's secret, so the table holds no IP addresses. */
const hashKey = (payload: Payload, key: string) =>
  crypto.createHmac('sha256', payload.secret).update(key).digest('base64url')

/** One old window in a hundred requests: often enough to keep the table small, rarely enough to cost nothing. */
const sweepShare = 0.01

/**
 * Counts one request against each check's key in the current fixed window, in one statement, so the
 * limits hold across every app instance on the database and cost one round trip however many there
 * are. Checks are counted in order, each only when every one before it allowed the request (a
 * visitor refused by address does not use up their conversation's count); the answer is the first
 * refusal, or the allowed decision with the least left. In `req`'s transaction when it has one: a
 * request refused later then rolls its counts back. With `sweep` (one call in a hundred by default)
 * the statement also deletes windows that started more than a day ago.
 */
export async function hitRateLimits(
  payload: Payload,
  checks: RateLimitCheck[],
  req?: Transactional,
  sweep = Math.random() < sweepShare,
): Promise<RateLimitDecision> {
  if (checks.length === 0) throw new Error('hitRateLimits needs at least one check.')
  const now = Date.now()
  const hits = checks.map(({ key, rule }) => {
    const windowMs = rule.windowSeconds * 1000
    const windowStart = Math.floor(now / windowMs) * windowMs
    return { key: hashKey(payload, key), rule, windowEnd: windowStart + windowMs, windowStart }
  })
  const [row] = await queryRows<Record<string, null | number | string>>(
    await requestDatabase(payload, req),
    countingStatement(hits, sweep),
  )
  const decisions: RateLimitDecision[] = []
  for (const [i, { rule, windowEnd }] of hits.entries()) {
    const counted = row[`count${i}`]
    if (counted === null || counted === undefined) break
    const count = Number(counted)
    const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd - now) / 1000))
    const decision = { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds }
    if (!decision.allowed) return decision
    decisions.push(decision)
  }
  return decisions.reduce((least, decision) => (decision.remaining < least.remaining ? decision : least))
}

/**
 * `with hit0 as (upsert), hit1 as (upsert from hit0 when it allowed), … select count0, count1, …`.
 * A data-modifying CTE sees what the one before it returned, so the chain stops at the first refusal
 * inside the statement. The sweep of old windows rides along as one more CTE; it never touches the
 * keys being counted, since one statement may not both delete and update a row.
 */
function countingStatement(hits: { key: string; rule: RateLimitRule; windowStart: number }[], sweep: boolean): SQL {
  const name = (i: number) => sql.raw(`hit${i}`)
  const upserts = hits.map(({ key, windowStart }, i) => {
    const row = sql`${key}::varchar, ${new Date(windowStart).toISOString()}::timestamptz, 1`
    const rows =
      i === 0 ? sql`values (${row})` : sql`select ${row} from ${name(i - 1)} where count <= ${hits[i - 1].rule.limit}`
    return sql`${name(i)} as (
      insert into ${rateLimitTable} (key, window_start, count) ${rows}
      on conflict (key, window_start) do update set count = ${rateLimitTable}.count + 1
      returning count)`
  })
  if (sweep) {
    const keys = hits.map((hit) => hit.key)
    upserts.push(sql`swept as (
      delete from ${rateLimitTable}
      where window_start < now() - interval '1 day' and key <> all(${sql.param(keys)}::varchar[]))`)
  }
  const counts = hits.map((_, i) => sql`(select count from ${name(i)}) as ${sql.raw(`count${i}`)}`)
  return sql`with ${sql.join(upserts, sql`, `)} select ${sql.join(counts, sql`, `)}`
}
