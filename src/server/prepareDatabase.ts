import { checkSearchIndex } from '@askfolio/payload-retrieval'
import { BasePayload, type Migration } from 'payload'

import { migrations } from '../../migrations'
import { logPoolErrors } from '../db/logPoolErrors'
import { withMigrationLock } from '../db/withMigrationLock'
import { recordEverythingChanged } from '../pageCache/invalidationLog'
import { adminCredentials } from '../seed/adminCredentials'
import { defaultPasswordAccounts } from '../seed/defaultPasswordAccounts'
import { seed } from '../seed/seed'

/**
 * Start-up, before Next.js: optionally apply pending migrations and, on an empty database, load the
 * demo content; then check that the search index fits the configured embedder, so a mismatch stops
 * the server with a clear message. Uses a short-lived Payload instance; Next.js starts its own after.
 * That instance skips the config's onInit: the plugins' start-up checks would run before the
 * migrations (and warn that their tables are missing), and the server's own instance runs them.
 * `exposedOn` is the non-loopback HOST the server is about to listen on, if any: then an admin who
 * still signs in with the documented default password stops the start, as anyone on the network
 * could sign in as them.
 */
export async function prepareDatabase({
  exposedOn,
  migrate,
  seedWhenEmpty,
}: {
  exposedOn?: string
  migrate: boolean
  seedWhenEmpty: boolean
}): Promise<void> {
  const { default: config } = await import('../../payload.config')
  const payload = await new BasePayload().init({ config, disableOnInit: true })
  logPoolErrors(payload)
  try {
    if (migrate) {
      await withMigrationLock(process.env.DATABASE_URL!, async () => {
        const applied = async () =>
          (await payload.db.pool.query('select count(*)::int as n from payload_migrations')).rows[0].n as number
        const before = await applied().catch(() => 0)
        // The list generated in migrations/index.ts; Payload types each migration's args loosely.
        await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
        // Instances still running the previous version drop their cached pages: a migration may have
        // changed what they show, and it runs no hooks.
        if ((await applied()) > before) await recordEverythingChanged(payload)
        if (seedWhenEmpty && (await payload.count({ collection: 'users', overrideAccess: true })).totalDocs === 0) {
          console.log('[server] empty database: loading demo content (set SEED=false to skip)')
          await seed(payload, adminCredentials())
        }
      })
    }
    await checkSearchIndex(payload)
    if (exposedOn) await refuseDefaultPassword(payload, exposedOn)
  } finally {
    await payload.destroy()
  }
}

async function refuseDefaultPassword(payload: BasePayload, host: string): Promise<void> {
  const accounts = await defaultPasswordAccounts(payload)
  if (accounts.length === 0) return
  throw new Error(
    `HOST=${host} would let anyone on the network sign in as ${accounts.join(', ')} with the default password: start on 127.0.0.1 (unset HOST) and change that password in the admin, or set ADMIN_PASSWORD before the database is first seeded`,
  )
}
