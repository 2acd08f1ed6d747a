import crypto from 'node:crypto'
import fs from 'node:fs'

/**
 * The embedded database's secret: its password on the wire protocol and the token of its control
 * endpoint. It is made on first start and kept in `file` (mode 0600, under DATA_DIR) so that a
 * restarted database, a second process attaching to a running one and `npm run backup` all know it,
 * and no other local user does. Hex, so it needs no escaping in a URL.
 */
export function embeddedSecret(file: string): string {
  if (!fs.existsSync(file)) {
    // Written aside and linked into place, so a process starting at the same moment never reads a
    // half-written file: whoever links first wins and the other uses theirs.
    const tmp = `${file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })
    try {
      fs.linkSync(tmp, file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      fs.rmSync(tmp, { force: true })
    }
  }
  fs.chmodSync(file, 0o600)
  const secret = fs.readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/.test(secret)) throw new Error(`${file} does not hold an embedded database secret; delete it to make a new one`)
  return secret
}
