/**
 * Shutting down (server.ts's steps): Payload's job runner stops and every connection of its pool is
 * closed before the database is stopped, even the client Payload keeps checked out for good.
 */
import { getPayload } from 'payload'
import { expect, it } from 'vitest'

import { closePayload } from '../../src/server/closePayload'

it('stops the job runner and closes every pool connection, checked-out ones included', async () => {
  process.env.JOBS_AUTORUN = 'true'
  const { default: config } = await import('../../payload.config')
  // As Next.js's route handlers start it: with the job runner's crons.
  const payload = await getPayload({ config, cron: true })
  type Pool = {
    connect: () => Promise<{ query: (sql: string) => Promise<unknown> }>
    ending: boolean
    idleCount: number
    totalCount: number
  }
  const pool = (payload.db as unknown as { pool: Pool }).pool
  const held = await pool.connect() // a request in flight that never gives its client back
  await held.query('select 1')
  expect(payload.crons.length).toBeGreaterThan(0)
  expect(pool.totalCount).toBeGreaterThan(0)

  await closePayload({ poolMs: 200 })

  expect(payload.crons).toEqual([])
  expect(pool.ending).toBe(true)
  expect(pool.idleCount).toBe(0)
  // Even the checked-out connection is closed, so stopping the database afterwards (this file's
  // teardown) raises no uncaught "Connection terminated unexpectedly", which would fail the run.
  await expect(held.query('select 1')).rejects.toThrow(/not queryable|ended/i)
})
