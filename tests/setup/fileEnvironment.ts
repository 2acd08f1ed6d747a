import { afterAll } from 'vitest'

/**
 * What every integration test file's database setup (embedded or native) gives the file: the
 * environment the Payload config reads when the file imports it, and an afterAll that closes the
 * file's Payload before `release` drops the database.
 */
export function useFileEnvironment({
  embedded,
  mediaDir,
  release,
  url,
}: {
  embedded: boolean
  mediaDir: string
  release: () => Promise<void>
  url: string
}) {
  process.env.DATABASE_URL = url
  if (embedded) process.env.DATABASE_EMBEDDED = 'true'
  else delete process.env.DATABASE_EMBEDDED
  process.env.MEDIA_DIR = mediaDir
  process.env.PAYLOAD_SECRET = 'askfolio-test-secret'
  process.env.DATABASE_POOL_MAX = '8'
  // Tests run indexing jobs themselves (payload.jobs.run), so nothing runs behind their back.
  process.env.JOBS_AUTORUN ??= 'false'

  afterAll(async () => {
    const { closeTestPayload } = await import('../helpers/payload')
    await closeTestPayload()
    await release()
  }, 60_000)
}
