import type { RateLimitRule } from '@askfolio/payload-retrieval'

import { env } from '../config/env'

export type AuthRateLimits = {
  forgotPassword: { perEmail: RateLimitRule; perIp: RateLimitRule }
  login: { perEmail: RateLimitRule; perEmailAndIp: RateLimitRule; perIp: RateLimitRule }
}

const rule = (name: string, fallback: string, windowSeconds: number): RateLimitRule => {
  const limit = Number(env(name, fallback))
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`${name} must be a whole number, at least 1 (got "${process.env[name]}")`)
  return { limit, windowSeconds }
}

/**
 * Sign-in and password-reset requests allowed per AUTH_RATE_LIMIT_WINDOW_SECONDS (default 15
 * minutes). Sign-ins: per client address, per address and email together (one client guessing one
 * password), and per email from anywhere (many clients guessing one), looser, so a stranger can only
 * hold an account up for the rest of a window, and only with many addresses. Reset emails: per email,
 * so no address is flooded, and per client address.
 */
export function authRateLimits(): AuthRateLimits {
  const windowSeconds = Number(env('AUTH_RATE_LIMIT_WINDOW_SECONDS', '900'))
  return {
    forgotPassword: {
      perEmail: rule('FORGOT_PASSWORD_LIMIT_PER_EMAIL', '3', windowSeconds),
      perIp: rule('FORGOT_PASSWORD_LIMIT_PER_IP', '10', windowSeconds),
    },
    login: {
      perEmail: rule('LOGIN_LIMIT_PER_EMAIL', '50', windowSeconds),
      perEmailAndIp: rule('LOGIN_LIMIT_PER_EMAIL_AND_IP', '10', windowSeconds),
      perIp: rule('LOGIN_LIMIT_PER_IP', '30', windowSeconds),
    },
  }
}
