import type { Payload } from 'payload'

import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { getPayload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'

import { type ApiServer, startApiServer } from '../helpers/apiServer'
import { type ApiClient, apiClient, type Credential } from '../helpers/client'
import { startNativeCluster } from '../helpers/nativePostgres'
import { destroyPayload } from '../helpers/payload'
import { exampleDir } from '../setup/exampleGlobalSetup'

export type ExampleWebsite = { api: ApiClient; editor: Credential; payload: Payload; server: ApiServer }

/**
 * A fresh PostgreSQL server with one empty database. Not the embedded database: that is the
 * portfolio's own development server, and Payload needs the portfolio's workarounds to save on it
 * (src/db/embeddedSafe.ts), which a plain Payload site does not carry.
 */
async function startDatabase(): Promise<{ stop: () => Promise<void>; url: string }> {
  // Its own directory directly under the temp dir: the postgres user must be able to reach it.
  const clusterDir = await fs.mkdtemp(path.join(os.tmpdir(), 'askfolio-example-pg-'))
  const cluster = await startNativeCluster(clusterDir)
  const admin = new pg.Client({ connectionString: cluster.url('postgres') })
  await admin.connect()
  await admin.query('create database website')
  await admin.end()
  return {
    stop: async () => {
      cluster.stop()
      await fs.rm(clusterDir, { force: true, recursive: true })
    },
    url: cluster.url('website'),
  }
}

/**
 * The example website as its own host runs it: its migrations applied with Payload's CLI, then
 * Payload on its config, its REST routes behind an HTTP server, and its first user, signed in.
 */
export function useExampleWebsite(): ExampleWebsite {
  const site = {} as ExampleWebsite
  let database: Awaited<ReturnType<typeof startDatabase>> | undefined
  beforeAll(async () => {
    database = await startDatabase()
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      PAYLOAD_SECRET: 'example-website-secret',
      PUBLIC_URL: 'https://website.example',
    })
    try {
      execFileSync(process.execPath, ['--import', 'tsx', path.resolve('node_modules/payload/bin.js'), 'migrate'], {
        cwd: exampleDir,
        encoding: 'utf8',
        env: { ...process.env, PAYLOAD_CONFIG_PATH: path.join(exampleDir, 'payload.config.ts') },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string }
      throw new Error(`Migrating the example website failed:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error })
    }
    const config = (await import('../../examples/website/payload.config')).default
    site.payload = await getPayload({ config })
    site.server = await startApiServer(config)
    site.api = apiClient(site.server.url)
    const editor = { email: 'editor@website.example', password: 'a long editor password' }
    // The site's first user, as the admin's create-first-user screen makes it.
    const first = await site.api.post('/api/users/first-register', editor)
    if (first.status !== 200) throw new Error(`first-register answered ${first.status}: ${JSON.stringify(first.body)}`)
    site.editor = { token: first.body.token as string }
  })
  afterAll(async () => {
    await site.server?.close()
    if (site.payload) {
      const pool = (site.payload.db as { pool?: pg.Pool }).pool
      await destroyPayload(site.payload)
      // A query still running (a job runner's tick) would see the server stop under it and throw
      // where nobody listens: let the pool drain first (a few seconds at most).
      for (let waited = 0; pool && pool.totalCount > 0 && waited < 5000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await database?.stop()
  })
  return site
}
