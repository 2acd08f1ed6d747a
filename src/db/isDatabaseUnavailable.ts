// Socket errors, and SQLSTATE classes 08 (connection exception) and 57P0x (the server is shutting
// down, crashed, or still starting): the database cannot be reached, as opposed to a bad query.
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])
const sqlStates = /^(08\d{3}|57P0[1-4])$/
const messages = [
  /Connection terminated/i, // node-postgres: the server closed the socket
  /timeout exceeded when trying to connect/i, // pg-pool: connectionTimeoutMillis passed
  /Client has encountered a connection error/i,
  /Connection refused/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
]

/**
 * Whether an error (or anything in its `cause` chain: Drizzle and Payload wrap driver errors) means
 * the database is unreachable right now, so the request may succeed when retried later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>()
  let current = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const { cause, code, message, originalError } = current as {
      cause?: unknown
      code?: unknown
      message?: unknown
      originalError?: unknown
    }
    if (typeof code === 'string' && (socketCodes.has(code) || sqlStates.test(code))) return true
    if (typeof message === 'string' && messages.some((pattern) => pattern.test(message))) return true
    const aggregate = (current as { errors?: unknown }).errors
    if (Array.isArray(aggregate) && aggregate.some((inner) => isDatabaseUnavailable(inner))) return true
    current = cause ?? originalError
  }
  return false
}
