/**
 * Builds the workspace packages and packs each into a tarball under `.packs/`, as they would be
 * published. In the repository a package's `exports` point at its TypeScript sources (the app, the
 * tests and `next dev` compile them in place); the packed manifest points them at the compiled `dist`
 * instead, the way Payload's own packages swap in their `publishConfig` when they are published.
 * The tarball holds `dist`, the package's README and the repository's LICENSE.
 *
 *   node --import tsx tools/packPackages.ts      (npm run pack:packages)
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

type Manifest = Record<string, unknown> & {
  exports?: Record<string, string>
  name: string
  version: string
  workspaces?: string[]
}
type PublishedManifest = Omit<Manifest, 'exports'> & { exports: Record<string, { default: string; types: string }> }

const root = path.resolve(import.meta.dirname, '..')
const outDir = path.join(root, '.packs')
const readManifest = (dir: string): Manifest =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest

/** `./src/x.ts` → the compiled file and its declarations. */
function distEntry(source: string): { default: string; types: string } {
  const match = /^\.\/src\/(.+)\.tsx?$/.exec(source)
  if (!match) throw new Error(`an export that is not a TypeScript source under src/: ${source}`)
  return { types: `./dist/${match[1]}.d.ts`, default: `./dist/${match[1]}.js` }
}

/** The manifest as published: exports on dist, only dist in the tarball, no workspace scripts. */
export function publishedManifest(manifest: Manifest): PublishedManifest {
  const { devDependencies: _dev, exports = {}, scripts: _scripts, ...rest } = manifest
  const entries = Object.fromEntries(Object.entries(exports).map(([key, source]) => [key, distEntry(source)]))
  const main = entries['.']
  return { ...rest, exports: entries, files: ['dist', 'LICENSE', 'README.md'], main: main?.default, types: main?.types }
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
}

function packOne(dir: string, index: number, total: number): string {
  const manifest = readManifest(dir)
  const step = `packages: [${index + 1}/${total}] ${manifest.name}`
  console.log(`${step}: compiling`)
  fs.rmSync(path.join(dir, 'dist'), { force: true, recursive: true })
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
  run(bin('tsc'), ['-p', 'tsconfig.build.json'], dir)
  run(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--resolve-full-paths'], dir)

  // Packed from a staging copy, so the repository's manifest is never rewritten (and never left
  // rewritten by a pack that failed half-way).
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-pack-'))
  try {
    fs.cpSync(path.join(dir, 'dist'), path.join(stage, 'dist'), { recursive: true })
    fs.copyFileSync(path.join(dir, 'README.md'), path.join(stage, 'README.md'))
    // The MIT licence's notice travels with every copy.
    fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'))
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(publishedManifest(manifest), null, 2)}\n`)
    const [packed] = JSON.parse(
      run('npm', ['pack', stage, '--pack-destination', outDir, '--json', '--silent'], root),
    ) as {
      entryCount: number
      filename: string
      size: number
    }[]
    console.log(
      `${step}: ${path.relative(root, path.join(outDir, packed.filename))} (${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB)`,
    )
    return path.join(outDir, packed.filename)
  } finally {
    fs.rmSync(stage, { force: true, recursive: true })
  }
}

/** Packs every workspace package in the order the root manifest lists them (dependencies first). */
export function packPackages(): string[] {
  fs.mkdirSync(outDir, { recursive: true })
  const workspaces = readManifest(root).workspaces ?? []
  return workspaces.map((workspace, index) => packOne(path.join(root, workspace), index, workspaces.length))
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) packPackages()
