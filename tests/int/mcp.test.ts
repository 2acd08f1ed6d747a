import { hitRateLimit } from '@askfolio/payload-retrieval'
/**
 * The MCP endpoint (`POST /api/mcp`, @payloadcms/plugin-mcp) with the retrieval package's `search`
 * and `fetch` tools, driven by the official MCP client SDK over streamable HTTP: an AI assistant
 * gets what a visitor gets, whoever it signs in as, and nothing else.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { useApiTest } from '../helpers/apiTest'
import { authHeaders } from '../helpers/client'
import { findBySlug } from '../helpers/fixtures'
import { runIndexingJobs } from '../helpers/indexingJobs'

const test = useApiTest()
type SearchResults = { results: { id: string; snippet: string; title: string; url: string }[] }
type Fetched = { id: string; metadata: { collection: string }; text: string; title: string; url: string }
type ToolResult = { content: { text: string; type: string }[]; isError?: boolean }

const clients: Client[] = []
async function connect(headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'askfolio-tests', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${test.server.url}/api/mcp`), { requestInit: { headers } }),
  )
  clients.push(client)
  return client
}
const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ arguments: args, name })) as ToolResult
const json = <T>(result: ToolResult): T => {
  expect(result.isError ?? false, result.content[0]?.text).toBe(false)
  return JSON.parse(result.content[0].text) as T
}

let visitor: Client
beforeAll(async () => {
  await runIndexingJobs(test.payload)
  visitor = await connect()
})
afterAll(async () => {
  for (const client of clients) await client.close()
})

describe('MCP tools over streamable HTTP', () => {
  it('lists exactly the two content tools, with their input schemas, to a client without any key', async () => {
    const { tools } = await visitor.listTools()
    expect(tools.map((tool) => tool.name).sort()).toEqual(['fetch', 'search'])
    const search = tools.find((tool) => tool.name === 'search')!
    expect(search.inputSchema).toMatchObject({
      properties: { query: { type: 'string' } },
      required: ['query'],
      type: 'object',
    })
    expect(tools.find((tool) => tool.name === 'fetch')!.inputSchema).toMatchObject({
      properties: { id: { type: 'string' } },
      required: ['id'],
    })
  })

  it('search finds a published fact, and fetch returns that document by the id search gave', async () => {
    const { results } = json<SearchResults>(
      await call(visitor, 'search', { query: 'How do you make webhooks idempotent?' }),
    )
    expect(results[0]).toMatchObject({
      title: 'Designing idempotent webhooks',
      url: '/blog/designing-idempotent-webhooks',
    })
    expect(results[0].id).toMatch(/^blog-posts:\d+$/)
    expect(results[0].snippet).not.toMatch(/<\/?mark>|&(#39|amp|lt|gt|quot);/)

    const document = json<Fetched>(await call(visitor, 'fetch', { id: results[0].id }))
    expect(document).toMatchObject({
      id: results[0].id,
      metadata: { collection: 'blog-posts' },
      title: 'Designing idempotent webhooks',
    })
    expect(document.text).toMatch(/delivered twice/)
    expect(document.text.length).toBeGreaterThan(500)
  })

  it('never returns a draft, a draft edit or anything outside the index, even to an administrator', async () => {
    const tidewater = await findBySlug(test.payload, 'projects', 'tidewater')
    const edit = await test.api.patch(
      `/api/projects/${tidewater.id}?draft=true`,
      { summary: 'HERRING GULL pricing for marinas' },
      { as: test.actors.editor.credential },
    )
    expect(edit.status).toBe(200)
    await runIndexingJobs(test.payload)
    const { docs } = await test.payload.find({
      collection: 'projects',
      draft: true,
      overrideAccess: true,
      where: { title: { equals: 'Harbourmaster' } },
    })
    expect(docs).toHaveLength(1)

    const admin = await connect(authHeaders(test.actors.admin.credential))
    for (const client of [visitor, admin]) {
      for (const query of ['Harbourmaster berth booking marinas', 'BLUE HERON', 'HERRING GULL pricing']) {
        const text = JSON.stringify(json(await call(client, 'search', { query })))
        for (const secret of ['Harbourmaster', 'BLUE HERON', 'HERRING GULL']) expect(text, query).not.toContain(secret)
      }
      const draft = await call(client, 'fetch', { id: `projects:${docs[0].id}` })
      expect(draft.isError).toBe(true)
      expect(draft.content[0].text).toMatch(/No published document has the id "projects:\d+"/)
      // The published version of a document with a draft edit, not the edit.
      const published = json<Fetched>(await call(client, 'fetch', { id: `projects:${tidewater.id}` }))
      expect(published.title).toBe('Tidewater')
      expect(published.text).not.toContain('HERRING GULL')
      // Accounts and records outside the index, and malformed ids: the same answer, never a database error.
      const malformed = [
        `projects:${tidewater.id}x`,
        'projects:abc',
        'projects:1,2',
        'projects:1:x',
        'projects:99999999999999999999',
        'profile:whatever',
      ]
      for (const id of [`users:${test.actors.admin.id}`, 'roles:1', 'audit-logs:1', 'nonsense', ...malformed]) {
        const refused = await call(client, 'fetch', { id })
        expect(refused.isError, id).toBe(true)
        expect(refused.content[0].text, id).toBe(`No published document has the id "${id}".`)
      }
      expect(json<Fetched>(await call(client, 'fetch', { id: 'profile:profile' })).metadata).toEqual({
        collection: 'profile',
      })
    }
  })

  it("keeps the plugin's API-key collection closed: nobody may make a key or list them", async () => {
    for (const actor of ['anonymous', 'viewer', 'author', 'editor', 'admin'] as const) {
      const made = await test.api.post(
        '/api/payload-mcp-api-keys',
        { label: 'mine' },
        { as: test.actors[actor].credential },
      )
      expect(made.status, actor).toBe(403)
      const listed = await test.api.get('/api/payload-mcp-api-keys', { as: test.actors[actor].credential })
      expect(listed.status, actor).toBe(403)
    }
    expect(await test.payload.count({ collection: 'payload-mcp-api-keys', overrideAccess: true })).toEqual({
      totalDocs: 0,
    })
  })

  it('answers a body that is not JSON with a JSON-RPC parse error, at once', async () => {
    const response = await fetch(`${test.server.url}/api/mcp`, {
      body: '{nope',
      headers: { Accept: 'application/json, text/event-stream', 'Content-Type': 'application/json' },
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: { code: -32700, message: 'Parse error: the request body is not JSON.' },
      id: null,
      jsonrpc: '2.0',
    })
    // And the endpoint still serves well-formed requests after it.
    expect((await visitor.listTools()).tools).toHaveLength(2)
  })

  it('refuses bad input with a message, and shares the search rate limit with /api/search', async () => {
    const empty = await call(visitor, 'search', { query: '   ' })
    expect(empty.isError).toBe(true)
    const control = await call(visitor, 'search', { query: 'webhooks\u0000' })
    expect(control).toMatchObject({ isError: true })
    expect(control.content[0].text).toMatch(/control characters/)
    expect((await call(visitor, 'search', { query: 'x'.repeat(501) })).isError).toBe(true)

    // Spend this client's search budget through the shared counter: both ways in are refused.
    const rule = getRetrievalContext(test.payload).searchRateLimit
    for (let i = 0; i < rule.limit; i++) await hitRateLimit(test.payload, 'search:127.0.0.1', rule)
    const limited = await call(visitor, 'search', { query: 'webhooks' })
    expect(limited.isError).toBe(true)
    expect(limited.content[0].text).toMatch(/Too many searches; try again in \d+ s/)
    expect((await test.api.get('/api/search?q=webhooks')).status).toBe(429)
  })
})
