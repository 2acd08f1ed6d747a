/**
 * Runs every curl command in docs/api.md (and the README) with the real curl against a seeded server,
 * in document order, so the documentation cannot drift from the API.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

import { adminCredentials } from '../../src/seed/adminCredentials'
import { seed } from '../../src/seed/seed'
import { useApiTest } from '../helpers/apiTest'
import { runIndexingJobs } from '../helpers/indexingJobs'

const run = promisify(execFile)

type Example = { command: string; file: string; line: number }

function curlExamples(file: string): Example[] {
  const text = fs.readFileSync(file, 'utf8')
  const examples: Example[] = []
  for (const match of text.matchAll(/```bash\n([\s\S]*?)```/g)) {
    if (!match[1].includes('curl ')) continue
    examples.push({ command: match[1].trim(), file, line: text.slice(0, match.index).split('\n').length })
  }
  return examples
}

/** Every list of results in a response, however deep (GraphQL nests them under the query name). */
function listsIn(value: unknown): unknown[][] {
  if (!value || typeof value !== 'object') return []
  // A join field's value inside a document (a project's documents) may rightly be empty: it is not the query's list.
  if ('hasNextPage' in value && !('totalDocs' in value)) return []
  const own = ['docs', 'results', 'sources'].flatMap((key) => {
    const list = (value as Record<string, unknown>)[key]
    return Array.isArray(list) ? [list] : []
  })
  return [...own, ...Object.values(value).flatMap(listsIn)]
}

const examples = [
  ...curlExamples('docs/api.md'),
  ...curlExamples('README.md').filter((e) => e.command.includes('localhost:3000/api')),
]

const test = useApiTest({ actors: false })
const env: Record<string, string> = {}

beforeAll(async () => {
  const { api, payload } = test
  await seed(payload, { ...adminCredentials(), quiet: true })
  await runIndexingJobs(payload)
  const login = await api.post('/api/users/login', {
    email: adminCredentials().adminEmail,
    password: adminCredentials().adminPassword,
  })
  const editorRole = (await payload.find({ collection: 'roles', where: { name: { equals: 'editor' } } })).docs[0]
  const integration = await payload.create({
    collection: 'users',
    data: {
      email: 'integration@example.com',
      name: 'Integration',
      password: 'integration password',
      roles: [editorRole.id],
    },
    overrideAccess: true,
  })
  Object.assign(env, {
    API_KEY: 'docs-test-api-key-0123456789abcdef',
    TOKEN: login.body.token,
    USER_ID: String(integration.id),
  })
})

describe('documented curl commands', () => {
  it('there are examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15)
  })

  it.each(examples)('$file:$line', async ({ command }) => {
    // --fail-with-body turns any HTTP error into a failed command; -sS keeps the output to the body.
    const runnable = command
      .replaceAll('http://localhost:3000', test.server.url)
      .replace(/\bcurl /g, 'curl --fail-with-body -sS ')
    // Asynchronous on purpose: the API server answering curl lives in this very process.
    const { stdout: output } = await run('bash', ['-euo', 'pipefail', '-c', runnable], {
      env: { ...process.env, ...env },
      timeout: 30_000,
    })
    const body = JSON.parse(output)
    expect(body.errors, output).toBeUndefined()
    if (command.includes('/api/graphql')) expect(Object.values(body.data).every((value) => value !== null)).toBe(true)
    else if (command.includes('/api/mcp')) {
      // A JSON-RPC answer whose tool result is a JSON text: it must not be an error, and must find something.
      expect(body.error, output).toBeUndefined()
      expect(body.result.isError ?? false, output).toBe(false)
      expect(JSON.parse(body.result.content[0].text).results.length, output).toBeGreaterThan(0)
    } else expect(Object.keys(body).length).toBeGreaterThan(0)
    // Every documented query finds something in the seeded site: an empty list would hide a broken filter.
    for (const docs of listsIn(body)) expect(docs.length, output).toBeGreaterThan(0)
    if (/docs\b/.test(output) && !command.includes('draft=true') && !command.includes('draft: true')) {
      // Public list queries return published documents only.
      expect(output).not.toContain('"_status":"draft"')
    }
  })
})
