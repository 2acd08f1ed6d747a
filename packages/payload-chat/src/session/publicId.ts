import crypto from 'node:crypto'

/** 128 random bits, URL-safe: unguessable ids for what visitors hold (sessions, messages). */
export const newPublicId = (): string => crypto.randomBytes(16).toString('base64url')

export const isPublicId = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value)
