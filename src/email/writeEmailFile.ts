import { randomBytes } from 'node:crypto'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Writes a raw message as `<time>-<random>.eml` under `dir` and returns its absolute path. The
 * messages hold live reset and invite links, so the folder is 0700 (also when it already existed with
 * looser rights) and each file 0600: only the app's own user can read them.
 */
export async function writeEmailFile(dir: string, raw: Buffer): Promise<string> {
  const folder = path.resolve(dir)
  await mkdir(folder, { mode: 0o700, recursive: true })
  await chmod(folder, 0o700)
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`
  const file = path.join(folder, name)
  // 'wx': a new file, so its mode is the one given here (the random part keeps names apart).
  await writeFile(file, raw, { flag: 'wx', mode: 0o600 })
  return file
}
