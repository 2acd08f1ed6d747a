/**
 * Whether this process currently believes the database is down. Set by whatever meets a connection
 * failure (Payload's error hook, the pool's error events, the readiness probe), cleared by a probe
 * that gets through (see src/server/databaseGate.ts). It lives on globalThis because Next.js bundles
 * its own copy of the modules the Payload config imports, and the express server must see the same
 * state as the route handlers.
 */
type Availability = { down: boolean; reason?: string; since?: number }

const key = Symbol.for('askfolio.databaseAvailability')
const state = ((globalThis as Record<symbol, unknown>)[key] ??= { down: false }) as Availability

/** How long clients are told to wait (Retry-After, seconds) while the database is down. */
export const retryAfterSeconds = 5

export const databaseUnavailableMessage = 'The database is unavailable right now. Please try again in a few seconds.'

export function markDatabaseDown(reason: unknown): void {
  if (state.down) return
  state.down = true
  state.since = Date.now()
  state.reason = reason instanceof Error ? reason.message : String(reason)
}

export function markDatabaseUp(): void {
  state.down = false
  state.reason = undefined
  state.since = undefined
}

export const databaseAvailability = (): Readonly<Availability> => state
