import { keptSecret } from './keptSecret'

/**
 * The embedded database's secret: its password on the wire protocol and the token of its control
 * endpoint, kept in `file` (see keptSecret.ts) so that a restarted database, a second process
 * attaching to a running one and `npm run backup` all know it, and no other local user does.
 */
export function embeddedSecret(file: string): string {
  const secret = keptSecret(file)
  if (!/^[0-9a-f]{64}$/.test(secret))
    throw new Error(`${file} does not hold an embedded database secret; delete it to make a new one`)
  return secret
}
