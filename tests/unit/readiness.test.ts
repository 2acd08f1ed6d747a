import type { AddressInfo } from 'node:net'

/**
 * /readyz is public (load balancers call it): when the database is down it says so, and the driver's
 * error, which names the database's host, port and user, goes to the log only.
 */
import express from 'express'
import { afterAll, expect, it, vi } from 'vitest'

import { readiness } from '../../src/server/health'
import { freePort } from '../helpers/freePort'

it('answers 503 "database unavailable" without the connection error, and logs that error', async () => {
  const dbPort = await freePort()
  const ready = readiness({
    connectionString: `postgres://secret_user:secret_pw@127.0.0.1:${dbPort}/private_db`,
    timeoutMs: 1000,
  })
  const app = express().get('/readyz', ready.handler)
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  afterAll(async () => {
    await ready.close()
    server.close()
  })
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {})

  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`)
  const text = await res.text()

  expect(res.status).toBe(503)
  expect(JSON.parse(text)).toEqual({ database: 'unavailable', status: 'not ready' })
  expect(text).not.toContain(String(dbPort))
  expect(text).not.toContain('127.0.0.1')
  expect(logged.mock.calls.flat().join(' ')).toContain(`127.0.0.1:${dbPort}`)
  logged.mockRestore()
})
