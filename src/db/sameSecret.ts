import crypto from 'node:crypto'

const digest = (value: Buffer | string) => crypto.createHash('sha256').update(value).digest()

/** Whether `given` equals `expected`, in a time that does not tell how much of it matched (nor its length). */
export const sameSecret = (given: Buffer | string, expected: Buffer | string): boolean =>
  crypto.timingSafeEqual(digest(given), digest(expected))
