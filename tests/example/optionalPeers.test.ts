/**
 * `openai` and `zod` are optional peers of the packed packages: a site without a model installs
 * neither, so the entry points must load without them, and a configured OpenAI model must say what
 * to install. Run in a child Node whose resolver treats both as absent.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'

import { exampleDir } from '../setup/exampleGlobalSetup'

it('the packed entry points load without openai and zod, and an OpenAI embedder says what to install', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-peers-'))
  fs.writeFileSync(
    path.join(dir, 'hooks.mjs'),
    `export async function resolve(specifier, context, next) {
  if (specifier === 'openai' || specifier === 'zod') throw Object.assign(new Error('absent: ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' })
  return next(specifier, context)
}\n`,
  )
  fs.writeFileSync(
    path.join(dir, 'register.mjs'),
    `import { register } from 'node:module'\nregister(${JSON.stringify(new URL(`file://${dir}/hooks.mjs`).href)})\n`,
  )
  const script = `
    const retrieval = await import('@askfolio/payload-retrieval')
    await import('@askfolio/payload-chat')
    await import('@askfolio/payload-jobs')
    const failure = await retrieval.createOpenAIEmbedder({ apiKey: 'x' }).embed(['a']).then(() => 'embedded', (error) => error.message)
    const mcp = await import('@askfolio/payload-retrieval/mcp').then(() => 'loaded', (error) => error.message)
    console.log(JSON.stringify({ failure, mcp }))`
  try {
    const output = execFileSync(
      process.execPath,
      ['--import', path.join(dir, 'register.mjs'), '--input-type=module', '-e', script],
      {
        cwd: exampleDir,
        encoding: 'utf8',
      },
    )
    const { failure, mcp } = JSON.parse(output.trim().split('\n').at(-1)!) as { failure: string; mcp: string }
    expect(failure).toMatch(/the `openai` package is not installed: npm install openai/)
    // The MCP tools need zod, as their README says.
    expect(mcp).toMatch(/absent: zod/)
  } finally {
    fs.rmSync(dir, { force: true, recursive: true })
  }
})
