import type { PGLiteSocketServer } from '@electric-sql/pglite-socket'

import { sameSecret } from './sameSecret'

type QueryQueue = {
  clearQueueForHandler: (handlerId: number) => void
  enqueue: (handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) => Promise<number>
}

const protocolVersion3 = 196608
const authenticationCleartextPassword = Uint8Array.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])

/** A FATAL ErrorResponse with SQLSTATE `code`: the client reports `message` and gives up. */
function fatal(code: string, message: string): Uint8Array {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`)
  const out = Buffer.alloc(5 + fields.length)
  out.write('E', 0)
  out.writeInt32BE(4 + fields.length, 1)
  fields.copy(out, 5)
  return out
}

const isStartupMessage = (message: Uint8Array) =>
  message.length >= 8 &&
  Buffer.from(message.buffer, message.byteOffset, message.length).readInt32BE(4) === protocolVersion3

/** The password of a PasswordMessage ('p', length, the password, NUL), or null for any other message. */
function passwordOf(message: Uint8Array): Buffer | null {
  if (message[0] !== 0x70 || message.length < 6 || message[message.length - 1] !== 0) return null
  return Buffer.from(message.subarray(5, message.length - 1))
}

/**
 * PGlite answers every startup message with AuthenticationOk: it has no users and no passwords, so
 * any local process that reaches the port would be superuser. This puts a password in front of it.
 * A new connection's startup message is held back and answered with a request for the password
 * (cleartext: the port is on loopback only, which other users cannot listen in on); only once it
 * matches is the startup message passed on to PGlite, and with it everything the client sends after.
 * A wrong or missing password gets a FATAL 28P01 and the connection is closed; nothing it sent reaches
 * the database. Apply it after groupExtendedQueries, so that it sees every message first.
 */
export function requirePassword(server: PGLiteSocketServer, password: string): void {
  const queue = (server as unknown as { queryQueue?: QueryQueue }).queryQueue
  if (typeof queue?.enqueue !== 'function' || typeof queue.clearQueueForHandler !== 'function') {
    throw new Error('@electric-sql/pglite-socket changed its query queue; check src/db/requirePassword.ts')
  }
  const expected = Buffer.from(password)
  const enqueue = queue.enqueue.bind(queue)
  const clear = queue.clearQueueForHandler.bind(queue)
  const startups = new Map<number, Uint8Array>()
  const signedIn = new Set<number>()

  const refuse = (onData: (data: Uint8Array) => void, code: string, message: string) => {
    onData(fatal(code, message))
    // The rejection makes pglite-socket close the connection.
    return Promise.reject(new Error(message))
  }

  queue.enqueue = (handlerId, message, onData) => {
    if (signedIn.has(handlerId)) return enqueue(handlerId, message, onData)
    const startup = startups.get(handlerId)
    if (!startup) {
      if (!isStartupMessage(message)) return refuse(onData, '08P01', 'expected a startup message')
      startups.set(handlerId, message)
      onData(authenticationCleartextPassword)
      return Promise.resolve(authenticationCleartextPassword.length)
    }
    const given = passwordOf(message)
    if (!given || !sameSecret(given, expected)) return refuse(onData, '28P01', 'password authentication failed')
    startups.delete(handlerId)
    signedIn.add(handlerId)
    return enqueue(handlerId, startup, onData)
  }
  queue.clearQueueForHandler = (handlerId) => {
    startups.delete(handlerId)
    signedIn.delete(handlerId)
    clear(handlerId)
  }
}
