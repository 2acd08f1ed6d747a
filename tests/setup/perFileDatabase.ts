import { afterAll, inject } from 'vitest'

import { startTestDatabase } from '../helpers/testDatabase'

/**
 * Runs before every integration test file: a private copy of the migrated template database, its own
 * media folder, and the environment the Payload config reads when the test file imports it.
 */
const db = await startTestDatabase(inject('templateDir'), inject('testRoot'))
process.env.DATABASE_URL = db.url
process.env.DATABASE_EMBEDDED = 'true'
process.env.MEDIA_DIR = db.mediaDir
process.env.PAYLOAD_SECRET = 'askfolio-test-secret'
process.env.DATABASE_POOL_MAX = '8'
// Tests run indexing jobs themselves (payload.jobs.run), so nothing runs behind their back.
process.env.JOBS_AUTORUN ??= 'false'

afterAll(async () => {
  const { closeTestPayload } = await import('../helpers/payload')
  await closeTestPayload()
  await db.stop()
}, 60_000)
