import { type ChildProcess, spawn } from 'node:child_process'

export type WorkerProcess = {
  /** SIGKILL, as `kill -9`: no shutdown, jobs left as they were. */
  kill: () => Promise<void>
  /** Everything the worker printed so far. */
  output: () => string
  pid: number
  /** SIGTERM, then wait for the exit code. */
  stop: () => Promise<null | number>
  /** Waits until the output matches. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>
}

const exited = (child: ChildProcess) =>
  new Promise<null | number>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })

/**
 * Starts `src/cli/worker.ts` (what `npm run worker` runs) as its own process on the test file's
 * database, with the test's environment plus `env`.
 */
export function startWorker(env: Record<string, string> = {}): WorkerProcess {
  let text = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/worker.ts'], {
    env: {
      ...process.env,
      DATABASE_POOL_MAX: '3',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=development`.trim(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()))
  return {
    kill: async () => {
      child.kill('SIGKILL')
      await exited(child)
    },
    output: () => text,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM')
      return exited(child)
    },
    waitFor: async (pattern, timeoutMs = 120_000) => {
      const started = Date.now()
      while (!pattern.test(text)) {
        if (child.exitCode !== null)
          throw new Error(`worker ${child.pid} exited (${child.exitCode}) before ${pattern}:\n${text}`)
        if (Date.now() - started > timeoutMs)
          throw new Error(`worker ${child.pid}: no ${pattern} after ${timeoutMs} ms:\n${text}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
  }
}

/** Polls `check` until it returns true. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
