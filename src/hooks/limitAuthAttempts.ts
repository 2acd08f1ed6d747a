import type { AuthRateLimits } from '../auth/authRateLimits'

import { clientAddressOf, hitRateLimits, type RateLimitRule } from '@askfolio/payload-retrieval'
import { APIError, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'

const emailOf = (data: unknown) => {
  const email = (data as { email?: unknown } | undefined)?.email
  return typeof email === 'string' ? email.toLowerCase().trim() : ''
}

/**
 * Counts the request against each rule in turn, stopping at the first it exceeds (later ones are not
 * charged), in one statement.
 */
async function firstExceeded(req: PayloadRequest, rules: [string, RateLimitRule][]) {
  const checks = rules.map(([key, rule]) => ({ key, rule }))
  const decision = await hitRateLimits(req.payload, checks, req)
  return decision.allowed ? null : decision
}

/**
 * Limits sign-ins and password-reset requests made over the API (REST and GraphQL) with the database's
 * rate-limit counters, in place of Payload's per-account lockout. The counters are keyed by the email
 * as typed, never by whether an account has it, so the 429 (with Retry-After) is the same for every
 * address and tells nobody which accounts exist.
 */
export const limitAuthAttempts =
  (limits: () => AuthRateLimits): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (req.payloadAPI === 'local' || (operation !== 'login' && operation !== 'forgotPassword')) return args
    const email = emailOf((args as { data?: unknown }).data)
    const ip = clientAddressOf(req)
    const rules = limits()
    const decision =
      operation === 'login'
        ? await firstExceeded(req, [
            [`login:ip:${ip}`, rules.login.perIp],
            [`login:email-ip:${email}:${ip}`, rules.login.perEmailAndIp],
            [`login:email:${email}`, rules.login.perEmail],
          ])
        : await firstExceeded(req, [
            [`forgot-password:ip:${ip}`, rules.forgotPassword.perIp],
            [`forgot-password:email:${email}`, rules.forgotPassword.perEmail],
          ])
    if (!decision) return args
    const headers = (req.responseHeaders ??= new Headers())
    headers.set('Retry-After', String(decision.retryAfterSeconds))
    throw new APIError(`Too many attempts. Try again in ${decision.retryAfterSeconds} seconds.`, 429, undefined, true)
  }
