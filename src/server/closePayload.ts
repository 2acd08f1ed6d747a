import type { Payload } from 'payload'

type Cron = { isBusy: () => boolean; stop: () => void }
type Client = { end: () => Promise<void>; on: (event: 'error', listener: () => void) => void }
type Pool = { _clients?: Client[]; end: () => Promise<void>; ending?: boolean }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The Payload instances this process started (Next.js's route handlers share them through Payload's global cache). */
const runningInstances = (): Payload[] => {
  const cache = (globalThis as { _payload?: Map<string, { payload?: Payload }> })._payload
  return [...(cache?.values() ?? [])].flatMap((entry) => (entry.payload ? [entry.payload] : []))
}

/**
 * Shuts Payload down before the database goes: stops the job runner (its crons) and waits up to
 * `drainMs` for a job run in progress, then closes the connection pool. Payload keeps one client
 * checked out for good, so the pool's end() would never settle: after `poolMs`, the clients still
 * open are closed directly. Left open, that client would hear the database stop and throw an
 * uncaught "Connection terminated unexpectedly".
 */
export async function closePayload({
  drainMs = 10_000,
  poolMs = 2000,
}: { drainMs?: number; poolMs?: number } = {}): Promise<void> {
  for (const payload of runningInstances()) {
    const crons = payload.crons.splice(0, payload.crons.length) as unknown as Cron[]
    for (const cron of crons) cron.stop()
    const started = Date.now()
    while (crons.some((cron) => cron.isBusy()) && Date.now() - started < drainMs) await sleep(100)

    const pool = (payload.db as { pool?: Pool }).pool
    if (pool && !pool.ending) {
      await Promise.race([pool.end().catch(() => {}), sleep(poolMs)])
      for (const client of [...(pool._clients ?? [])]) {
        client.on('error', () => {})
        await client.end().catch(() => {})
      }
    }
    await payload.destroy()
  }
}
