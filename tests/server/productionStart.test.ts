/**
 * `npm start` without PUBLIC_URL: the server refuses to start, in one line, before it opens a database
 * or builds anything, since links shown to visitors and editors would otherwise come from Host headers.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-start-'))
afterAll(() => fs.rmSync(dataDir, { force: true, recursive: true }))

function start(publicUrl?: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    NODE_ENV: 'production',
    NODE_OPTIONS: '--conditions=production',
    PAYLOAD_SECRET: 'production-start-test-secret',
    PORT: '1',
  }
  for (const name of ['DATABASE_URL', 'DATABASE_EMBEDDED', 'PUBLIC_URL']) delete env[name]
  if (publicUrl !== undefined) env.PUBLIC_URL = publicUrl
  return spawnSync(process.execPath, ['--import', 'tsx', 'server.ts'], { encoding: 'utf8', env, timeout: 60_000 })
}

describe('starting in production', () => {
  it('refuses without PUBLIC_URL, saying so in one line', () => {
    const result = start()
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(
      '[server] cannot start: PUBLIC_URL must be set in production: the address people reach the site at, such as https://portfolio.example.com',
    )
  })

  it('refuses a PUBLIC_URL that is not an http(s) address', () => {
    const result = start('javascript://evil.example')
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(
      '[server] cannot start: PUBLIC_URL must be an http(s) address, not "javascript://evil.example"',
    )
  })
})
