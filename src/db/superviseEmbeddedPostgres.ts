import { markDatabaseDown } from './databaseAvailability'
import { startEmbeddedPostgres, type StartEmbeddedPostgresOptions } from './startEmbeddedPostgres'

export type SupervisedPostgres = {
  port: number
  /** Stops the database (and any restart in progress) and waits until it has flushed and exited. */
  stop: () => Promise<void>
  url: string
}

export type SuperviseOptions = Omit<StartEmbeddedPostgresOptions, 'onUnexpectedExit' | 'port'> & {
  /** Called when `maxFailures` restarts in a row have failed; the supervisor stops trying. */
  onGiveUp?: (error: unknown) => void
  /** First wait before a restart (ms); it doubles after every failed attempt, up to `maxDelayMs`. */
  initialDelayMs?: number
  maxDelayMs?: number
  maxFailures?: number
}

/**
 * Starts the embedded database and keeps it running: when its process dies unexpectedly (a crash,
 * kill -9, out of memory), it is started again on the same port, after a short wait that grows with
 * every failed attempt (0.5 s, 1 s, 2 s … up to 30 s). Meanwhile the app answers 503 (see
 * databaseAvailability.ts), and its pools reconnect by themselves once the database is back.
 */
export async function superviseEmbeddedPostgres(options: SuperviseOptions): Promise<SupervisedPostgres> {
  const { initialDelayMs = 500, maxDelayMs = 30_000, maxFailures = 10, onGiveUp, ...startOptions } = options
  let stopped = false
  let wake: (() => void) | undefined
  let restarting: Promise<void> | undefined

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  const start = (port: number) => startEmbeddedPostgres({ ...startOptions, onUnexpectedExit, port })
  let current = await start(0)
  const { port, url } = current

  async function restart(): Promise<void> {
    for (let failures = 0; !stopped; failures++) {
      await sleep(Math.min(maxDelayMs, initialDelayMs * 2 ** failures))
      if (stopped) return
      try {
        current = await start(port)
        console.log(`[db] the embedded database is back on port ${port}`)
        return
      } catch (error) {
        console.error(
          `[db] restarting the embedded database failed (attempt ${failures + 1}): ${(error as Error).message}`,
        )
        if (failures + 1 >= maxFailures) return onGiveUp?.(error)
      }
    }
  }

  function onUnexpectedExit(code: null | number, signal: NodeJS.Signals | null): void {
    if (stopped) return
    console.error(`[db] the embedded database exited unexpectedly (code ${code}, signal ${signal}); restarting it`)
    markDatabaseDown('the embedded database is restarting')
    restarting = restart().finally(() => (restarting = undefined))
  }

  return {
    port,
    stop: async () => {
      stopped = true
      wake?.()
      await restarting
      await current.stop()
    },
    // A restart is on the same port with the same secret file, so the URL stays the same.
    url,
  }
}
