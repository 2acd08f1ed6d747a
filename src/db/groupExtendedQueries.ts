import type { PGLiteSocketServer } from '@electric-sql/pglite-socket'

type QueryQueue = {
  clearQueueForHandler: (handlerId: number) => void
  enqueue: (handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) => Promise<number>
}

// Frontend messages of the extended query protocol that only make sense together with what follows
// them up to Sync: Parse, Bind, Describe, Execute, Close.
const held = new Set(['P', 'B', 'D', 'E', 'C'].map((type) => type.charCodeAt(0)))

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/**
 * pglite-socket 0.2.17 queues every protocol message of every connection as its own item, and all
 * connections share PGlite's one session. With several clients at once, one client's Parse/Bind/
 * Execute can land between another's, and PostgreSQL answers "bind message supplies 2 parameters, but
 * prepared statement "" requires 1". This holds back a connection's extended-protocol messages until
 * its Sync (or Flush) and queues them as one item, which PGlite runs in one go.
 */
export function groupExtendedQueries(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue?: QueryQueue }).queryQueue
  if (typeof queue?.enqueue !== 'function' || typeof queue.clearQueueForHandler !== 'function') {
    throw new Error('@electric-sql/pglite-socket changed its query queue; check src/db/groupExtendedQueries.ts')
  }
  const enqueue = queue.enqueue.bind(queue)
  const clear = queue.clearQueueForHandler.bind(queue)
  const pending = new Map<number, Uint8Array[]>()

  queue.enqueue = (handlerId, message, onData) => {
    const parts = pending.get(handlerId)
    if (held.has(message[0]) && message.length >= 5) {
      if (parts) parts.push(message)
      else pending.set(handlerId, [message])
      return Promise.resolve(0)
    }
    pending.delete(handlerId)
    return enqueue(handlerId, parts ? concat([...parts, message]) : message, onData)
  }
  queue.clearQueueForHandler = (handlerId) => {
    pending.delete(handlerId)
    clear(handlerId)
  }
}
