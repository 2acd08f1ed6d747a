/** A setting from the environment; unset and empty both mean the fallback. */
export const env = (name: string, fallback: string) => process.env[name] || fallback

/** A size in megabytes from the environment, in bytes (`fallback` when unset or not a number). */
export const megabytesFromEnv = (name: string, fallback: number) =>
  (Number(process.env[name]) || fallback) * 1024 * 1024

/** The window every rate limit counts in (RATE_LIMIT_WINDOW_SECONDS, default a minute). */
export const rateLimitWindowSeconds = () => Number(env('RATE_LIMIT_WINDOW_SECONDS', '60'))

/**
 * Days visitors' chat conversations are kept after their last message (CHAT_RETENTION_DAYS, default
 * 180). `0` or `off` keeps them forever. Anything else that is not a whole number is refused, rather
 * than read as "forever" or as "delete now".
 */
export const chatRetentionDays = () => {
  const raw = env('CHAT_RETENTION_DAYS', '180').trim().toLowerCase()
  if (raw === 'off') return 0
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value))
    throw new Error(
      `CHAT_RETENTION_DAYS must be a whole number of days, or 0 / off to keep conversations forever (got "${process.env.CHAT_RETENTION_DAYS}")`,
    )
  return value
}

/** Whether this process runs the jobs queues itself (JOBS_AUTORUN, default true; tests set false). */
export const jobsAutoRun = () => env('JOBS_AUTORUN', 'true') !== 'false'

/**
 * Seconds a running job may go without a heartbeat before another runner takes it up
 * (JOBS_LEASE_SECONDS, default 120). Every process that runs jobs must use the same value. Heartbeats
 * come every quarter of it; zero, a fraction or a non-number would release live jobs (they would run
 * twice) or flood the database with heartbeats, so those are refused. The tests' drills use 3 s.
 */
export const jobsLeaseSeconds = () => {
  const value = Number(env('JOBS_LEASE_SECONDS', '120'))
  if (!Number.isInteger(value) || value < 2)
    throw new Error(
      `JOBS_LEASE_SECONDS must be a whole number of seconds, at least 2 (got "${process.env.JOBS_LEASE_SECONDS}")`,
    )
  return value
}
