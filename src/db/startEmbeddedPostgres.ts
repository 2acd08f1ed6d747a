import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { embeddedSecret } from './embeddedSecret'
import { embeddedMaxConnections } from './poolOptions'

export type EmbeddedPostgres = {
  /** The forked process, for supervision. */
  child: ChildProcess
  port: number
  /** Stops the database and waits until it has flushed its data and exited. */
  stop: () => Promise<void>
  url: string
}

export type StartEmbeddedPostgresOptions = {
  dataDir: string
  lockFile: string
  maxConnections?: number
  /** Called when the database process dies without being asked to stop. */
  onUnexpectedExit?: (code: null | number, signal: NodeJS.Signals | null) => void
  port?: number
  /** The 0600 file with the database's password (made on first start; see embeddedSecret.ts). */
  secretFile: string
  /** How long to wait for a cold start before giving up (ms). */
  startTimeoutMs?: number
}

const childEntry = fileURLToPath(new URL('./embeddedPostgresProcess.ts', import.meta.url))

/** The URL of the embedded database on `port`, with its password (see requirePassword.ts). */
export const embeddedPostgresUrl = (port: number, password: string): string =>
  `postgres://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`

/** Forks the embedded PostgreSQL child process and resolves once it accepts connections. */
export function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const {
    dataDir,
    lockFile,
    maxConnections = embeddedMaxConnections(),
    port = 0,
    secretFile,
    startTimeoutMs = 120_000,
  } = options
  const password = embeddedSecret(secretFile)
  const child = fork(childEntry, [], {
    env: {
      ...process.env,
      EMBEDDED_PG_DATA_DIR: dataDir,
      EMBEDDED_PG_LOCK_FILE: lockFile,
      EMBEDDED_PG_MAX_CONNECTIONS: String(maxConnections),
      EMBEDDED_PG_PORT: String(port),
      EMBEDDED_PG_SECRET_FILE: secretFile,
    },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })

  let stopping = false
  let ready = false
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    stopping = true
    if (child.connected) child.send({ type: 'stop' })
    else child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
  }

  return new Promise<EmbeddedPostgres>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The embedded database did not start within ${startTimeoutMs} ms`))
    }, startTimeoutMs)

    child.on('message', (message: { message?: string; port?: number; type?: string }) => {
      if (message.type === 'ready' && message.port) {
        clearTimeout(timer)
        ready = true
        resolve({ child, port: message.port, stop, url: embeddedPostgresUrl(message.port, password) })
      } else if (message.type === 'error') {
        clearTimeout(timer)
        reject(new Error(`The embedded database failed to start: ${message.message}`))
      }
    })

    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (!ready) {
        reject(new Error(`The embedded database exited during start-up (code ${code}, signal ${signal})`))
      } else if (!stopping) {
        options.onUnexpectedExit?.(code, signal)
      }
    })
  })
}
