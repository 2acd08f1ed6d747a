import type { Payload } from 'payload'

import { getPayload } from 'payload'

let instance: Payload | undefined

/** The Payload instance of this test file, connected to the file's own database. */
export async function getTestPayload(): Promise<Payload> {
  if (!instance) {
    const { default: config } = await import('../../payload.config')
    instance = await getPayload({ config })
  }
  return instance
}

/**
 * Shuts a Payload instance down. The adapter's destroy() leaves the pool open, and one client stays
 * checked out for good, so end() would never settle: start it (idle connections close, the pool
 * counts as ending) and move on.
 */
export async function destroyPayload(payload: Payload): Promise<void> {
  ;(payload.db as { pool?: { end: () => Promise<void> } }).pool?.end().catch(() => {})
  await payload.destroy()
}

export async function closeTestPayload(): Promise<void> {
  if (!instance) return
  await destroyPayload(instance)
  instance = undefined
}
