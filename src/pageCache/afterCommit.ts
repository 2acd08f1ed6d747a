import type { PayloadRequest } from 'payload'

type Callback = () => void
type TransactionID = number | Promise<number | string> | string | undefined
type Adapter = {
  commitTransaction: (id: TransactionID) => Promise<void>
  rollbackTransaction: (id: TransactionID) => Promise<void>
  [pendingKey]?: Map<string, Callback[]>
}

const pendingKey = Symbol.for('askfolio.afterCommit')

/**
 * Payload has no hook after a transaction commits, and a page rendered before the commit would show
 * what is being replaced. So the adapter's commit and rollback are wrapped, once: callbacks queued
 * for a transaction run after it commits, and are dropped if it rolls back.
 */
function pendingOf(adapter: Adapter): Map<string, Callback[]> {
  const existing = adapter[pendingKey]
  if (existing) return existing
  const pending = new Map<string, Callback[]>()
  adapter[pendingKey] = pending
  const commit = adapter.commitTransaction.bind(adapter)
  const rollback = adapter.rollbackTransaction.bind(adapter)
  adapter.commitTransaction = async (id) => {
    const key = String(await id)
    await commit(id)
    const callbacks = pending.get(key) ?? []
    pending.delete(key)
    for (const callback of callbacks) callback()
  }
  adapter.rollbackTransaction = async (id) => {
    pending.delete(String(await id))
    await rollback(id)
  }
  return pending
}

/** Runs `callback` once `req`'s transaction has committed, or now when the write had none. */
export async function afterCommit(req: PayloadRequest, callback: Callback): Promise<void> {
  const id = req.transactionID ? await req.transactionID : undefined
  if (id === undefined) return callback()
  const pending = pendingOf(req.payload.db as unknown as Adapter)
  const key = String(id)
  pending.set(key, [...(pending.get(key) ?? []), callback])
}
