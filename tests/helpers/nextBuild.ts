/** A production build of the app for the processes that run it (the browser tests and the benchmarks). */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** The newest modification time among the files a build bundles. */
function newestSource(): number {
  const roots = ['src', 'packages/payload-jobs/src', 'packages/payload-retrieval/src', 'packages/payload-chat/src']
  const files = [
    'payload.config.ts',
    'next.config.mjs',
    ...roots.flatMap((root) =>
      fs
        .readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name)),
    ),
  ]
  return Math.max(...files.map((file) => fs.statSync(file).mtimeMs))
}

/**
 * Runs `npm run build` into `distDir` unless a build there is newer than the code. `log` hears why.
 * Returns whether it built.
 */
export function ensureBuild(distDir: string, log: (message: string) => void = console.log): boolean {
  const marker = path.join(distDir, 'BUILD_ID')
  const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0
  if (built > newestSource()) {
    log(`using the existing Next.js build in ${distDir}/`)
    return false
  }
  log(
    `${built ? `the build in ${distDir}/ is older than the code` : 'no production build'}: running \`npm run build\` (a minute or two)`,
  )
  const result = spawnSync('npm', ['run', 'build'], {
    env: { ...process.env, NEXT_DIST_DIR: distDir },
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error(`next build into ${distDir} failed`)
  return true
}
