import { execFile, spawn } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

/** pg_dump / pg_restore: from PG_BIN_DIR when set, else from PATH. */
export const pgTool = (name: 'pg_dump' | 'pg_restore') => (process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name)

/** The major version a PostgreSQL client tool reports ("pg_dump (PostgreSQL) 15.8" → 15). */
export async function toolMajorVersion(tool: string): Promise<number> {
  let stdout: string
  try {
    stdout = (await promisify(execFile)(tool, ['--version'])).stdout
  } catch (error) {
    throw new Error(`${tool} is not installed or not runnable (${(error as Error).message}); install the PostgreSQL client tools or set PG_BIN_DIR`)
  }
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)
  if (!match) throw new Error(`cannot read the version of ${tool} from "${stdout.trim()}"`)
  return Number(match[1])
}

/** The connection for libpq tools: the URL without its password, which goes in PGPASSWORD (not on ps). */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  return { dbname: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env }
}

/** Runs a PostgreSQL tool; its stderr becomes the error message when it fails. */
export function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (stderr += chunk))
    child.on('error', (error) => reject(new Error(`could not run ${tool}: ${error.message}`)))
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(tool)} failed (exit ${code}):\n${stderr.trim()}`))))
  })
}
