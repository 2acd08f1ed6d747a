/**
 * The admin's import map is committed; this fails when a component was added to the config (by our
 * code or a plugin's) and `npm run generate:importmap` was not run. The admin then fails at run time.
 */
import fs from 'node:fs'
import path from 'node:path'
import { generateImportMap } from 'payload'
import { expect, it } from 'vitest'

it('src/app/(payload)/admin/importMap.js matches the config (run `npm run generate:importmap`)', async () => {
  const { default: config } = await import('../../payload.config')
  const committed = path.resolve('src/app/(payload)/admin/importMap.js')
  // Generated beside the committed one, so its relative import paths come out the same.
  const fresh = path.join(path.dirname(committed), `importMap.check-${process.pid}.js`)
  const sanitized = await config
  try {
    await generateImportMap(
      {
        ...sanitized,
        admin: { ...sanitized.admin, importMap: { ...sanitized.admin.importMap, importMapFile: fresh } },
      },
      { force: true, log: false },
    )
    expect(fs.readFileSync(fresh, 'utf8').trim()).toBe(fs.readFileSync(committed, 'utf8').trim())
  } finally {
    fs.rmSync(fresh, { force: true })
  }
}, 60_000)
