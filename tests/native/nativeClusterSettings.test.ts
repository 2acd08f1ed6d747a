/** The throwaway cluster helper passes extra server settings (the benchmarks' memory settings) to PostgreSQL. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'

import { startNativeCluster } from '../helpers/nativePostgres'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-settings-pg-'))
const cluster = await startNativeCluster(dir, {
  maxConnections: 20,
  settings: { shared_buffers: '256MB', work_mem: '64MB' },
})
afterAll(() => {
  cluster.stop()
  fs.rmSync(dir, { force: true, recursive: true })
})

describe('startNativeCluster settings', () => {
  it('starts the server with them, next to its own', async () => {
    const client = new pg.Client({ connectionString: cluster.url('postgres') })
    await client.connect()
    try {
      const shown = async (name: string) => (await client.query(`show ${name}`)).rows[0][name]
      expect(await shown('work_mem')).toBe('64MB')
      expect(await shown('shared_buffers')).toBe('256MB')
      expect(await shown('max_connections')).toBe('20')
      expect(await shown('fsync')).toBe('off')
    } finally {
      await client.end()
    }
  })

  it('refuses a value that pg_ctl would split at a space, before creating a cluster', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-settings-pg-'))
    try {
      await expect(startNativeCluster(other, { settings: { work_mem: '64 MB' } })).rejects.toThrow(
        'Unsupported server setting work_mem=64 MB',
      )
      expect(fs.readdirSync(other)).toEqual([])
    } finally {
      fs.rmSync(other, { force: true, recursive: true })
    }
  })
})
