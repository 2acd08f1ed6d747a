import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Writes a raw message as `<time>-<random>.eml` under `dir` and returns its absolute path. */
export async function writeEmailFile(dir: string, raw: Buffer): Promise<string> {
  const folder = path.resolve(dir)
  await mkdir(folder, { recursive: true })
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`
  const file = path.join(folder, name)
  await writeFile(file, raw)
  return file
}
