import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'

export type ShutdownStep = { name: string; run: () => Promise<void> | void }

/**
 * On SIGINT or SIGTERM: stop accepting connections, drop idle keep-alive and upgraded (WebSocket)
 * connections, let requests in flight finish for up to `drainMs`, then run the steps in order
 * (close Next, flush the database) and exit. A second signal exits at once.
 */
export function gracefulShutdown(server: Server, steps: ShutdownStep[], { drainMs = 10_000 } = {}) {
  const upgraded = new Set<Duplex>()
  server.on('upgrade', (_req, socket: Duplex) => {
    upgraded.add(socket)
    socket.once('close', () => upgraded.delete(socket))
  })

  let shuttingDown = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      console.error(`[server] ${signal} again: exiting now`)
      process.exit(1)
    }
    shuttingDown = true
    console.log(`[server] ${signal}: draining requests, then shutting down`)
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    for (const socket of upgraded) socket.destroy()
    let timer: NodeJS.Timeout | undefined
    const drained = await Promise.race([
      closed.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), drainMs))),
    ])
    clearTimeout(timer)
    if (!drained) {
      console.warn(`[server] requests still running after ${drainMs} ms: closing them`)
      server.closeAllConnections()
    }
    let code = 0
    for (const step of steps) {
      try {
        await step.run()
      } catch (error) {
        code = 1
        console.error(`[server] shutdown step "${step.name}" failed:`, error)
      }
    }
    console.log('[server] stopped')
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}
