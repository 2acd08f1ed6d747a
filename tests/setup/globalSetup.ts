import type { TestProject } from 'vitest/node'

import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string
    testRoot: string
  }
}

/**
 * Creates the template database once per run: a fresh embedded PostgreSQL migrated with the real
 * `npm run migrate` path. Each test file copies it (see perFileDatabase.ts), which takes a fraction
 * of a second instead of a cold start plus migrations.
 */
export default async function setup(project: TestProject) {
  const testRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'askfolio-test-'))
  const templateData = path.join(testRoot, 'template')
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: templateData, PAYLOAD_SECRET: 'askfolio-test-secret' }
  delete env.DATABASE_URL
  // See docs/pitfalls.md: lexical's Node entry points race on Node 20 without an explicit condition.
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --conditions=development`.trim()
  delete env.DATABASE_EMBEDDED
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/withDatabase.ts', 'payload', 'migrate'], {
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string }
    throw new Error(`Migrating the template database failed:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error })
  }
  project.provide('templateDir', path.join(templateData, 'postgres'))
  project.provide('testRoot', testRoot)
  return async () => {
    await fs.rm(testRoot, { force: true, recursive: true })
  }
}
