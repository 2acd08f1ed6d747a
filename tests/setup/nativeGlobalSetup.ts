import type { TestProject } from 'vitest/node'

import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { startNativeCluster } from '../helpers/nativePostgres'

declare module 'vitest' {
  export interface ProvidedContext {
    nativeAdminUrl: string
    nativeTemplate: string
    testRoot: string
  }
}

const template = 'askfolio_template'

/**
 * The `native` project: a throwaway PostgreSQL 15 + pgvector cluster (see ensureNativePostgres.sh)
 * on a free port, and one template database migrated with the real `npm run migrate` path. Each test
 * file then gets `CREATE DATABASE … TEMPLATE` (see nativePerFileDatabase.ts).
 */
export default async function setup(project: TestProject) {
  const testRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'askfolio-native-test-'))
  // Its own directory directly under the temp dir: the postgres user must be able to reach it.
  const clusterDir = await fs.mkdtemp(path.join(os.tmpdir(), 'askfolio-native-pg-'))
  const cluster = await startNativeCluster(clusterDir)
  const stop = async () => {
    try {
      cluster.stop()
    } finally {
      await fs.rm(clusterDir, { force: true, recursive: true })
      await fs.rm(testRoot, { force: true, recursive: true })
    }
  }
  try {
    const admin = new pg.Client({ connectionString: cluster.url('postgres') })
    await admin.connect()
    await admin.query(`create database ${template}`)
    await admin.end()

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: cluster.url(template),
      PAYLOAD_SECRET: 'askfolio-test-secret',
    }
    delete env.DATABASE_EMBEDDED
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --conditions=development`.trim()
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/withDatabase.ts', 'payload', 'migrate'], {
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (error) {
    await stop()
    const { stderr, stdout } = error as { stderr?: string; stdout?: string }
    throw new Error(
      `Preparing the native template database failed: ${(error as Error).message}\n${stdout ?? ''}\n${stderr ?? ''}`,
      { cause: error },
    )
  }
  project.provide('nativeAdminUrl', cluster.url('postgres'))
  project.provide('nativeTemplate', template)
  project.provide('testRoot', testRoot)
  return stop
}
