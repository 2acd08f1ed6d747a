/**
 * The example website (examples/website): a plain Payload config with its own pages and posts and
 * the three packages installed from their packed tarballs. What it proves is that the plugins work
 * in a site that is not the portfolio: a published page is found by search and cited by the chat, a
 * draft never is, MCP clients get the same, and the widget serves.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { runIndexingJobs } from '../helpers/indexingJobs'
import { exampleDir } from '../setup/exampleGlobalSetup'
import { useExampleWebsite } from './exampleWebsite'

type SearchResult = { collection: string; id: string; snippet: string; title: string; url: string }
type Answer = { answer: string; sources: { collection: string; title: string; url: string }[] }

/** Lexical rich text of one paragraph, as the admin saves it. */
const paragraph = (text: string) => ({
  root: {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        version: 1,
      },
    ],
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
})

const site = useExampleWebsite()
const search = async (q: string) => {
  const response = await site.api.get<{ results: SearchResult[] }>(`/api/search?${new URLSearchParams({ q })}`)
  expect(response.status).toBe(200)
  return response.body.results
}
const ask = async (message: string) => {
  const response = await site.api.post<Answer>('/api/chat', { message })
  expect(response.status).toBe(200)
  return response.body
}
/** Saves through REST as the editor and runs the indexing it queued; `?draft=true` keeps the published version. */
const save = async (collection: string, data: Record<string, unknown>, id?: number | string, query = '') => {
  const response = id
    ? await site.api.patch(`/api/${collection}/${id}${query}`, data, { as: site.editor })
    : await site.api.post(`/api/${collection}`, data, { as: site.editor })
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300)
  await runIndexingJobs(site.payload)
  return response.body.doc as { id: number }
}

describe('the example website, with the packages from their tarballs', () => {
  it('runs the packed packages, not the workspace sources', () => {
    const require = createRequire(path.join(exampleDir, 'package.json'))
    for (const name of ['@askfolio/payload-retrieval', '@askfolio/payload-chat', '@askfolio/payload-jobs']) {
      expect(path.relative(exampleDir, require.resolve(name))).toBe(`node_modules/${name}/dist/index.js`)
      expect(fs.readFileSync(path.join(exampleDir, 'node_modules', name, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
    }
  })

  it('a published page is found by /api/search and cited by /api/chat, with its link', async () => {
    await save('pages', {
      _status: 'published',
      content: paragraph(
        'The Kelpie Bay tidal array turns the harbour current into 42 megawatts of electricity for the island.',
      ),
      slug: 'kelpie-bay',
      title: 'Kelpie Bay tidal array',
    })
    const [first] = await search('kelpie bay tidal array')
    expect(first).toMatchObject({ collection: 'pages', title: 'Kelpie Bay tidal array', url: '/kelpie-bay' })
    expect(first.snippet).toMatch(/<mark>kelpie<\/mark>/i)

    const reply = await ask('How many megawatts does the Kelpie Bay tidal array produce?')
    expect(reply.answer).toMatch(/42 megawatts/)
    expect(reply.answer).toMatch(/\[1\]/)
    expect(reply.sources[0]).toMatchObject({
      collection: 'pages',
      title: 'Kelpie Bay tidal array',
      url: 'https://website.example/kelpie-bay',
    })
  })

  it('a draft post, and a draft change to a published one, never reach search or the chat', async () => {
    await save('posts', {
      _status: 'draft',
      content: paragraph('The Quillon lighthouse will be converted into a seaweed research station next spring.'),
      slug: 'quillon-lighthouse',
      title: 'Quillon lighthouse plans',
    })
    const post = await save('posts', {
      _status: 'published',
      excerpt: 'Notes from the harbour festival.',
      slug: 'harbour-festival',
      title: 'Harbour festival',
    })
    await save(
      'posts',
      { _status: 'draft', excerpt: 'The Zephyrine regatta moves to the north pier.' },
      post.id,
      '?draft=true',
    )
    // The editor sees the draft; visitors keep the published version.
    expect((await site.api.get(`/api/posts/${post.id}?draft=true`, { as: site.editor })).body.excerpt).toMatch(
      /Zephyrine/,
    )
    expect((await site.api.get(`/api/posts/${post.id}`)).body.excerpt).toBe('Notes from the harbour festival.')

    expect(await search('quillon lighthouse seaweed')).toEqual([])
    expect(await search('zephyrine regatta')).toEqual([])
    expect((await search('harbour festival'))[0]).toMatchObject({
      title: 'Harbour festival',
      url: '/posts/harbour-festival',
    })
    for (const question of [
      'What will happen to the Quillon lighthouse?',
      'Where does the Zephyrine regatta move to?',
    ]) {
      const reply = await ask(question)
      expect(reply.answer).not.toMatch(/quillon|seaweed|zephyrine|north pier/i)
      expect(reply.sources.map((source) => source.url)).not.toContain(
        'https://website.example/posts/quillon-lighthouse',
      )
    }

    // Published, it is found; unpublished again, it is gone.
    const drafts = await site.api.get('/api/posts?draft=true&where[slug][equals]=quillon-lighthouse', {
      as: site.editor,
    })
    const draft = drafts.body.docs[0] as { id: number }
    await save('posts', { _status: 'published' }, draft.id)
    expect((await search('quillon lighthouse seaweed')).map((result) => result.url)).toEqual([
      '/posts/quillon-lighthouse',
    ])
    await save('posts', { _status: 'draft' }, draft.id)
    expect(await search('quillon lighthouse seaweed')).toEqual([])
  })

  it('answers MCP clients with the packed search and fetch tools: the published page, never the draft', async () => {
    const client = new Client({ name: 'example-website-tests', version: '1.0.0' })
    await client.connect(new StreamableHTTPClientTransport(new URL(`${site.server.url}/api/mcp`)))
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(['fetch', 'search'])
      const text = async (name: string, args: Record<string, unknown>) => {
        const result = (await client.callTool({ arguments: args, name })) as {
          content: { text: string }[]
          isError?: boolean
        }
        return { error: result.isError ?? false, text: result.content[0].text }
      }
      const found = JSON.parse((await text('search', { query: 'kelpie bay tidal array' })).text) as {
        results: { id: string; url: string }[]
      }
      expect(found.results[0]).toMatchObject({ url: 'https://website.example/kelpie-bay' })
      expect((await text('fetch', { id: found.results[0].id })).text).toMatch(/42 megawatts/)
      expect(await text('search', { query: 'zephyrine regatta' })).toEqual({
        error: false,
        text: JSON.stringify({ results: [] }, null, 2),
      })
      const drafts = await site.api.get('/api/posts?draft=true&where[slug][equals]=quillon-lighthouse', {
        as: site.editor,
      })
      const draftId = `posts:${drafts.body.docs[0].id}`
      expect(await text('fetch', { id: draftId })).toEqual({
        error: true,
        text: `No published document has the id "${draftId}".`,
      })
      // The published post with a draft edit: its published text, not the edit.
      const festival = JSON.parse((await text('search', { query: 'harbour festival' })).text) as {
        results: { id: string }[]
      }
      const published = await text('fetch', {
        id: festival.results.find((result) => result.id.startsWith('posts:'))!.id,
      })
      expect(published.text).toMatch(/Notes from the harbour festival/)
      expect(published.text).not.toMatch(/zephyrine/i)
    } finally {
      await client.close()
    }
  })

  it('serves the widget script', async () => {
    const response = await fetch(`${site.server.url}/api/chat/widget.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    const script = await response.text()
    expect(script).toMatch(/\/api\/chat/)
    expect(script.length).toBeGreaterThan(1000)
  })
})
