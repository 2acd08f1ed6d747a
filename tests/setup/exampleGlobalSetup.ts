import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { packPackages } from '../../tools/packPackages'

export const exampleDir = path.resolve('examples/website')

/**
 * The `example` project: builds and packs the three packages as they would be published, then
 * installs the tarballs into the example website (only them and their own dependencies: Payload,
 * Next.js and React come from the repository root, as in any monorepo host).
 */
export default function setup() {
  packPackages()
  console.log('packages: installing the tarballs into examples/website')
  // npm keeps an installed package of the same version, so a rebuilt tarball would not replace it.
  fs.rmSync(path.join(exampleDir, 'node_modules', '@askfolio'), { force: true, recursive: true })
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--legacy-peer-deps',
      '--omit=optional',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { cwd: exampleDir, stdio: ['ignore', 'inherit', 'inherit'] },
  )
}
