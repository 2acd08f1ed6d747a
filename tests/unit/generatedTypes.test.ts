/** payload-types.ts is committed; this fails when the config changed and the types were not regenerated. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateTypes } from 'payload/node'
import { expect, it } from 'vitest'

it('payload-types.ts matches the config (run `npm run generate:types`)', async () => {
  const { default: config } = await import('../../payload.config')
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-types-')), 'payload-types.ts')
  process.env.PAYLOAD_TS_OUTPUT_PATH = out
  try {
    await generateTypes(await config, { log: false })
  } finally {
    delete process.env.PAYLOAD_TS_OUTPUT_PATH
  }
  expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync('payload-types.ts', 'utf8'))
}, 60_000)
