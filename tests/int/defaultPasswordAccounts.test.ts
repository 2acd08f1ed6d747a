/**
 * What server.ts checks before listening beyond loopback: which seeded admin accounts still sign in
 * with the documented default password (read from the stored hashes, not by trying a login).
 */
import type { Payload } from 'payload'

import { beforeAll, expect, it } from 'vitest'

import { defaultAdminEmail, defaultAdminPassword } from '../../src/seed/adminCredentials'
import { defaultPasswordAccounts } from '../../src/seed/defaultPasswordAccounts'
import { getTestPayload } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await getTestPayload()
})

it('finds the seeded admin while its password is the default, and not once it is changed', async () => {
  process.env.ADMIN_EMAIL = 'owner@example.com'
  await payload.create({
    collection: 'users',
    data: { email: 'owner@example.com', name: 'Owner', password: 'a long chosen password' },
    overrideAccess: true,
  })
  expect(await defaultPasswordAccounts(payload)).toEqual([])

  const admin = await payload.create({
    collection: 'users',
    data: { email: defaultAdminEmail, name: 'Admin', password: defaultAdminPassword },
    overrideAccess: true,
  })
  expect(await defaultPasswordAccounts(payload)).toEqual([defaultAdminEmail])
  // Checking did not count as a failed login.
  const after = await payload.findByID({
    collection: 'users',
    id: admin.id,
    overrideAccess: true,
    showHiddenFields: true,
  })
  expect((after as { loginAttempts?: number }).loginAttempts ?? 0).toBe(0)

  await payload.update({
    collection: 'users',
    data: { password: 'changed to something long' },
    id: admin.id,
    overrideAccess: true,
  })
  expect(await defaultPasswordAccounts(payload)).toEqual([])
})

it('also finds ADMIN_EMAIL when it kept the default password', async () => {
  process.env.ADMIN_EMAIL = 'second-admin@example.com'
  await payload.create({
    collection: 'users',
    data: { email: 'second-admin@example.com', name: 'Second', password: defaultAdminPassword },
    overrideAccess: true,
  })
  expect(await defaultPasswordAccounts(payload)).toEqual(['second-admin@example.com'])
})
