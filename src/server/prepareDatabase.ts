import { BasePayload, type Migration } from 'payload'

import { migrations } from '../../migrations'
import { adminCredentials } from '../seed/adminCredentials'
import { seed } from '../seed/seed'

/**
 * Development start-up: apply pending migrations and, on an empty database, load the demo content
 * (unless SEED=false). Uses a short-lived Payload instance of its own; Next.js starts its own after.
 */
export async function prepareDatabase({ seedWhenEmpty }: { seedWhenEmpty: boolean }): Promise<void> {
  const { default: config } = await import('../../payload.config')
  const payload = await new BasePayload().init({ config })
  try {
    // The list generated in migrations/index.ts; Payload types each migration's args loosely.
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
    if (!seedWhenEmpty) return
    const { totalDocs } = await payload.count({ collection: 'users', overrideAccess: true })
    if (totalDocs === 0) {
      console.log('[server] empty database: loading demo content (set SEED=false to skip)')
      await seed(payload, adminCredentials())
    }
  } finally {
    await payload.destroy()
  }
}
