/**
 * A second embedded database, started on its own (an empty cluster, as another machine's would be),
 * reached only through DATABASE_URL (+ DATABASE_EMBEDDED=true): `npm run migrate`'s path builds the
 * schema, and editing, indexing and search work against it. The stand-in for a separate server when
 * containers cannot run.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, expect, inject, it } from 'vitest'

import { embeddedPaths } from '../../src/db/resolveDatabase'
import { startEmbeddedPostgres } from '../../src/db/startEmbeddedPostgres'
import { useApiTest } from '../helpers/apiTest'
import { unique } from '../helpers/fixtures'
import { runIndexingJobs } from '../helpers/indexingJobs'

const dir = fs.mkdtempSync(path.join(inject('testRoot'), 'second-'))
const { lockFile, pgDir, secretFile } = embeddedPaths(dir)
const db = await startEmbeddedPostgres({ dataDir: pgDir, lockFile, secretFile, maxConnections: 24 })
afterAll(() => db.stop())
Object.assign(process.env, { DATABASE_EMBEDDED: 'true', DATABASE_URL: db.url })
// The migrate command with DATABASE_URL set uses that database and starts none of its own.
const migrated = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/withDatabase.ts', 'payload', 'migrate'], {
  encoding: 'utf8',
  env: process.env,
})

const test = useApiTest()

it('migrates an empty cluster through DATABASE_URL, then indexes and finds what an editor publishes', async () => {
  expect(migrated).not.toMatch(/embedded PostgreSQL started/)
  const applied = await test.payload.find({ collection: 'payload-migrations', limit: 100, overrideAccess: true })
  expect(applied.totalDocs).toBe(fs.readdirSync('migrations').filter((file) => /^\d.*\.ts$/.test(file)).length)

  const title = unique('Heron migration notes')
  const created = await test.api.post(
    '/api/blog-posts',
    { _status: 'published', excerpt: 'Notes on herons that winter on the estuary.', title },
    { as: test.actors.editor.credential },
  )
  expect(created.status).toBe(201)
  await runIndexingJobs(test.payload)

  const found = await test.api.get(`/api/search?${new URLSearchParams({ q: 'herons estuary winter' })}`)
  expect(found.status).toBe(200)
  expect(found.body.results[0]).toMatchObject({ collection: 'blog-posts', title })
})
