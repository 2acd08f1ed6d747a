import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// What makes the plugins installable on any Payload site: they name nothing of this app, and the
// few places where Payload's types cannot follow a plugin compiled on its own are counted and
// explained where they are.

const packagesDir = path.resolve('packages')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : []
  })
}

const files = readdirSync(packagesDir).flatMap((name) => sourceFiles(path.join(packagesDir, name, 'src')))
const sources = files.map((file) => ({
  file: path.relative(packagesDir, file),
  lines: readFileSync(file, 'utf8').split('\n'),
}))

/** The app's collection and global slugs, read from its own definitions. */
function appSlugs(): string[] {
  const slugs = new Set<string>()
  for (const dir of ['src/collections', 'src/globals']) {
    for (const file of sourceFiles(path.resolve(dir))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/slug: '([a-z-]+)'/g)) slugs.add(match[1]!)
    }
  }
  return [...slugs]
}

describe('the packages', () => {
  it('are found (the scan below reads real files)', () => {
    expect(sources.length).toBeGreaterThan(50)
    expect(appSlugs()).toEqual(expect.arrayContaining(['audit-logs', 'roles', 'projects']))
  })

  it('cast around the type system at most 10 times, each with a comment just above saying why', () => {
    const casts = sources.flatMap(({ file, lines }) =>
      lines.flatMap((line, i) =>
        /as never|as unknown as/.test(line) && !line.trim().startsWith('//') ? [{ file, i, lines }] : [],
      ),
    )
    expect(casts.length).toBeLessThanOrEqual(10)
    const unexplained = casts
      .filter(({ i, lines }) => !lines.slice(Math.max(0, i - 4), i).some((line) => /^\s*(\/\/|\*|\/\*)/.test(line)))
      .map(({ file, i }) => `${file}:${i + 1}`)
    expect(unexplained).toEqual([])
  })

  it("name none of the app's slugs, scripts or docs, and import nothing from it", () => {
    const slugs = appSlugs().filter((slug) => slug !== 'users' && slug !== 'media')
    const offending = sources.flatMap(({ file, lines }) =>
      lines.flatMap((line, i) => {
        const named =
          slugs.some((slug) => line.includes(`'${slug}'`) || line.includes(`"${slug}"`)) ||
          /npm run |docs\/[a-z-]+\.md/.test(line) ||
          /from '(@\/|@payload-config|(\.\.\/)+src\/)/.test(line)
        return named ? [`${file}:${i + 1}: ${line.trim()}`] : []
      }),
    )
    expect(offending).toEqual([])
  })
})
