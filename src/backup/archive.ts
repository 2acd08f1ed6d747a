import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * Packs a staging directory into one .tar.gz with the system tar, manifest.json first. It is written
 * next to the destination and renamed into place, so a half-written archive never carries the name.
 * It holds password hashes and tokens: only its owner may read it (0600).
 */
export async function createArchive(stagingDir: string, entries: string[], outFile: string): Promise<number> {
  const partial = `${outFile}.partial`
  try {
    fs.writeFileSync(partial, '', { mode: 0o600 })
    await run('tar', ['-czf', partial, '-C', stagingDir, ...entries])
    fs.chmodSync(partial, 0o600)
    fs.renameSync(partial, outFile)
  } finally {
    fs.rmSync(partial, { force: true })
  }
  return fs.statSync(outFile).size
}

/** Unpacks an archive into `dir`; a file that is not a readable tar.gz becomes a clear error. */
export async function extractArchive(file: string, dir: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`)
  try {
    // --no-same-owner/permissions: files belong to whoever restores; entries cannot escape `dir` (GNU tar strips leading / and refuses ..).
    await run('tar', ['-xzf', file, '-C', dir, '--no-same-owner', '--no-same-permissions'])
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim()
    throw new Error(`this is not a readable backup archive (tar: ${stderr || (error as Error).message})`, {
      cause: error,
    })
  }
}
