/**
 * Runs a command with DATABASE_URL pointing at the app's database: the configured one, the embedded
 * database a running server already serves, or an embedded one started for the command's duration.
 *
 *   tsx src/cli/withDatabase.ts payload migrate
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { resolveDatabase } from '../db/resolveDatabase'
import { prepareEnvironment } from '../server/prepareEnvironment'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: withDatabase <command> [args...]')
  process.exit(2)
}

const { dataDir } = prepareEnvironment()
const db = await resolveDatabase({ dataDir })
if (db.kind === 'owned') console.log(`[db] embedded PostgreSQL started for this command (${dataDir})`)

const child = spawn(command, args, {
  // Project binaries (payload, tsx) resolve as they do inside npm scripts.
  env: {
    ...process.env,
    DATABASE_URL: db.url,
    PATH: `${path.resolve('node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  },
  shell: false,
  stdio: 'inherit',
})
const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))

const code = await new Promise<number>((resolve) => {
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  child.on('error', (error) => {
    console.error(`[db] could not run ${command}:`, error.message)
    resolve(127)
  })
})
await db.stop()
process.exit(code)
