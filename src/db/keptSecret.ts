import crypto from 'node:crypto'
import fs from 'node:fs'

/**
 * A random secret kept in `file` (mode 0600, under DATA_DIR), made on first use: the development
 * PAYLOAD_SECRET and the embedded database's password. Written aside and linked into place, so a
 * process starting at the same moment never reads a half-written file: whoever links first wins and
 * the other uses theirs. Hex, so it needs no escaping in a URL.
 */
export function keptSecret(file: string): string {
  if (!fs.existsSync(file)) {
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
  if (!secret) throw new Error(`${file} is empty; delete it to make a new secret`)
  return secret
}
