/**
 * Start-up migrations hold an advisory lock, so web processes starting together migrate one after the
 * other. Native only: on the embedded database every connection shares one session.
 */
import pg from 'pg'
import { expect, it } from 'vitest'

import { withMigrationLock } from '../../src/db/withMigrationLock'

it('waits while another process holds the migration lock, then runs', async () => {
  const url = process.env.DATABASE_URL!
  const other = new pg.Client({ connectionString: url })
  await other.connect()
  await other.query(`select pg_advisory_lock(hashtext('askfolio:migrate'))`)
  const order: string[] = []
  const running = withMigrationLock(url, async () => {
    order.push('migrated')
    return 'done'
  })
  // Still waiting after the other holder had plenty of time to be overtaken.
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(order).toEqual([])
  order.push('released')
  await other.query(`select pg_advisory_unlock(hashtext('askfolio:migrate'))`)
  expect(await running).toBe('done')
  expect(order).toEqual(['released', 'migrated'])

  // The lock is free again afterwards.
  const { rows } = await other.query<{ ok: boolean }>(`select pg_try_advisory_lock(hashtext('askfolio:migrate')) as ok`)
  expect(rows[0].ok).toBe(true)
  await other.end()
})
