import { type ChildProcess, spawn } from 'node:child_process'
import readline from 'node:readline'

export type AppInstance = {
  name: string
  output: () => string
  process: ChildProcess
  stop: () => Promise<void>
  url: string
}

/**
 * Starts tests/helpers/appInstanceMain.ts in a child process with `env` on top of this process's
 * environment, and resolves with its URL once it listens.
 */
export async function startAppInstance(
  name: string,
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<AppInstance> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'tests/helpers/appInstanceMain.ts'],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  // Should the test process end without stopping it, the instance goes with it.
  const orphaned = () => child.kill('SIGKILL')
  process.once('exit', orphaned)
  child.once('exit', () => process.off('exit', orphaned))
  let log = ''
  child.stderr!.on('data', (chunk) => (log += chunk))
  const lines = readline.createInterface({ input: child.stdout! })

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance ${name} did not start:\n${log}`)), timeoutMs)
    child.once('exit', (code) => reject(new Error(`instance ${name} exited (${code}) before listening:\n${log}`)))
    lines.on('line', (line) => {
      if (line.startsWith('{"url"')) {
        clearTimeout(timer)
        resolve(JSON.parse(line).url)
      } else {
        log += `${line}\n`
      }
    })
  })

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.once('exit', () => {
        clearTimeout(force)
        resolve()
      })
      child.kill('SIGTERM')
    })
  return { name, output: () => log, process: child, stop, url }
}
