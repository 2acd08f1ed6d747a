import type { Payload } from 'payload'

import crypto from 'node:crypto'
import { promisify } from 'node:util'

import { defaultAdminEmail, defaultAdminPassword } from './adminCredentials'

const pbkdf2 = promisify(crypto.pbkdf2)

/** Payload's password hashes (payload/dist/auth/strategies/local/generatePasswordSaltHash.js): current and legacy. */
const currentPrefix = 'pbkdf2-sha256-v1:'

/** Whether `password` is the one `hash`/`salt` were made from, checked the way Payload's login does. */
async function passwordMatches(password: string, hash: string, salt: string): Promise<boolean> {
  const current = hash.startsWith(currentPrefix)
  const stored = Buffer.from(current ? hash.slice(currentPrefix.length) : hash, 'hex')
  const derived = await pbkdf2(password, salt, current ? 600_000 : 25_000, current ? 32 : 512, 'sha256')
  return derived.length === stored.length && crypto.timingSafeEqual(derived, stored)
}

/**
 * The seeded admin accounts (the default email, and ADMIN_EMAIL) that still sign in with the
 * documented default password. It reads the hashes rather than trying a login, which would count
 * failed attempts against the account and write the audit log.
 */
export async function defaultPasswordAccounts(payload: Payload): Promise<string[]> {
  const emails = [
    ...new Set([defaultAdminEmail, process.env.ADMIN_EMAIL || defaultAdminEmail].map((email) => email.toLowerCase())),
  ]
  const { docs } = await payload.find({
    collection: 'users',
    depth: 0,
    limit: emails.length,
    overrideAccess: true,
    pagination: false,
    showHiddenFields: true,
    where: { email: { in: emails } },
  })
  const found: string[] = []
  for (const user of docs as { email: string; hash?: null | string; salt?: null | string }[]) {
    if (user.hash && user.salt && (await passwordMatches(defaultAdminPassword, user.hash, user.salt)))
      found.push(user.email)
  }
  return found
}
