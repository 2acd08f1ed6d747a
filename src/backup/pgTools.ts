import { execFile, spawn } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

/** pg_dump / pg_restore: from PG_BIN_DIR when set, else from PATH. */
export const pgTool = (name: 'pg_dump' | 'pg_restore') =>
  process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name

/** The major version a PostgreSQL client tool reports ("pg_dump (PostgreSQL) 15.8" → 15). */
export async function toolMajorVersion(tool: string): Promise<number> {
  let stdout: string
  try {
    stdout = (await promisify(execFile)(tool, ['--version'])).stdout
  } catch (error) {
    throw new Error(
      `${tool} is not installed or not runnable (${(error as Error).message}); install the PostgreSQL client tools or set PG_BIN_DIR`,
      { cause: error },
    )
  }
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)
  if (!match) throw new Error(`cannot read the version of ${tool} from "${stdout.trim()}"`)
  return Number(match[1])
}

/** The query keys libpq tools accept that a DATABASE_URL may carry; node-postgres accepts others libpq rejects. */
const libpqKeys = new Set([
  'application_name',
  'connect_timeout',
  'dbname',
  'host',
  'options',
  'password',
  'port',
  'sslcert',
  'sslkey',
  'sslmode',
  'sslrootcert',
  'target_session_attrs',
  'user',
])

/** node-postgres's TLS settings in libpq's terms: `ssl=true` and `sslmode=no-verify` both mean an encrypted, unverified connection. */
function libpqSslMode(params: URLSearchParams): null | string {
  const mode = params.get('sslmode')
  if (mode === 'no-verify') return 'require'
  if (mode) return mode
  const ssl = params.get('ssl')
  if (ssl === 'true' || ssl === '1') return 'require'
  if (ssl === 'false' || ssl === '0') return 'disable'
  return null
}

/**
 * The connection for libpq tools: DATABASE_URL with node-postgres-only query options translated or
 * dropped, and without its password, which goes in PGPASSWORD (not on ps).
 */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password) || parsed.searchParams.get('password') || ''
  parsed.password = ''
  const sslmode = libpqSslMode(parsed.searchParams)
  const params = [...parsed.searchParams].filter(
    ([key]) => libpqKeys.has(key) && key !== 'password' && key !== 'sslmode',
  )
  if (sslmode) params.push(['sslmode', sslmode])
  // %20, not URLSearchParams's +: libpq decodes only %XX.
  parsed.search = params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
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
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(tool)} failed (exit ${code}):\n${stderr.trim()}`)),
    )
  })
}
