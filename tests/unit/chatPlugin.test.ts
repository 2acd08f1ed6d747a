/** The chat plugin's effect on a Payload config, and its dependency on the retrieval plugin. */
import type { CollectionConfig, Config } from 'payload'

import { chatPlugin, type ChatPluginOptions, createExtractiveChatModel } from '@askfolio/payload-chat'
import { createLocalEmbedder, retrievalPlugin } from '@askfolio/payload-retrieval'
import { describe, expect, it } from 'vitest'

const posts: CollectionConfig = { slug: 'posts', fields: [{ name: 'title', type: 'text' }] }
const base = (): Config =>
  ({
    collections: [posts],
    db: { defaultIDType: 'number', init: () => ({}) as never, name: 'postgres' },
    secret: 'x',
  }) as Config
const withRetrieval = () =>
  retrievalPlugin({
    collections: { posts: { fields: ['title'], title: (doc) => doc.title, url: (doc) => `/posts/${doc.id}` } },
    embedder: createLocalEmbedder({ dimensions: 8 }),
  })(base())
const options = (extra: Partial<ChatPluginOptions> = {}): ChatPluginOptions => ({
  access: { read: () => true },
  model: createExtractiveChatModel(),
  ...extra,
})
const routes = (config: Config) => (config.endpoints ?? []).map((endpoint) => `${endpoint.method} ${endpoint.path}`)

describe('chatPlugin', () => {
  it('adds the conversation collections and its endpoints after retrieval’s', () => {
    const config = chatPlugin(options())(withRetrieval())
    expect(config.collections!.map((collection) => collection.slug).slice(-4)).toEqual([
      'chat-checks',
      'chat-sessions',
      'chat-messages',
      'chat-engagement',
    ])
    expect(config.globals!.map((global) => global.slug)).toEqual(['chat-settings'])
    expect(routes(config).slice(-9)).toEqual([
      'post /chat',
      'options /chat',
      'post /chat/feedback',
      'options /chat/feedback',
      'get /chat/insights',
      'get /chat/suggestions',
      'post /chat/events',
      'options /chat/events',
      'get /chat/widget.js',
    ])
    expect(routes(config)).toContain('get /search')
  })

  it('lets nobody create, change or delete conversations through the API', () => {
    const config = chatPlugin(options())(withRetrieval())
    for (const slug of ['chat-sessions', 'chat-messages', 'chat-engagement']) {
      const access = config.collections!.find((collection) => collection.slug === slug)!.access!
      for (const operation of ['create', 'update', 'delete'] as const)
        expect(access[operation]!({} as never)).toBe(false)
    }
  })

  it('adds the insights view and its link to the admin, keeping the views and links already there', () => {
    const before = withRetrieval()
    before.admin = {
      components: {
        afterNavLinks: ['/somewhere#OtherLink'],
        views: { other: { Component: '/somewhere#OtherView', path: '/other' } },
      },
    }
    const config = chatPlugin(options())(before)
    const { afterNavLinks, views } = config.admin!.components!
    expect(views).toEqual({
      chatInsights: {
        Component: '@askfolio/payload-chat/rsc#InsightsView',
        exact: true,
        meta: { title: 'Chat insights' },
        path: '/chat-insights',
      },
      other: { Component: '/somewhere#OtherView', path: '/other' },
    })
    expect(afterNavLinks).toEqual(['/somewhere#OtherLink', '@askfolio/payload-chat/client#InsightsNavLink'])
  })

  it('asks the read access for the insights, and only a plain yes will do', async () => {
    const handler = (read: ChatPluginOptions['access']['read']) =>
      chatPlugin(options({ access: { read } }))(withRetrieval()).endpoints!.find(
        (endpoint) => endpoint.path === '/chat/insights',
      )!.handler
    const req = { query: { days: 'abc' } } as never
    // The access is asked first: refused before the days are even looked at.
    expect((await handler(() => false)(req)).status).toBe(403)
    expect((await handler(() => ({ id: { equals: 1 } }))(req)).status).toBe(403)
    expect((await handler(() => true)(req)).status).toBe(400)
  })

  it('keeps the collections but adds no endpoints, view or link when disabled', () => {
    const before = withRetrieval()
    const config = chatPlugin(options({ disabled: true }))(before)
    expect(config.collections!.map((collection) => collection.slug).slice(-4)).toEqual([
      'chat-checks',
      'chat-sessions',
      'chat-messages',
      'chat-engagement',
    ])
    expect(config.globals!.map((global) => global.slug)).toEqual(['chat-settings'])
    expect(routes(config)).toEqual(routes(before))
    expect(config.admin?.components?.views?.chatInsights).toBeUndefined()
    expect(config.admin?.components?.afterNavLinks ?? []).not.toContain('@askfolio/payload-chat/client#InsightsNavLink')
  })

  it('adds the pinned questions to the collections named for them, and refuses a name that is no collection', () => {
    const config = chatPlugin(options({ suggestions: { collections: ['posts'] } }))(withRetrieval())
    const fields = config.collections!.find((collection) => collection.slug === 'posts')!.fields
    expect(fields.map((field) => ('name' in field ? field.name : field.type))).toContain('suggestedQuestions')
    const untouched = chatPlugin(options())(withRetrieval()).collections!.find(
      (collection) => collection.slug === 'posts',
    )!
    expect(untouched.fields.map((field) => ('name' in field ? field.name : ''))).not.toContain('suggestedQuestions')
    expect(() => chatPlugin(options({ suggestions: { collections: ['pages'] } }))(withRetrieval())).toThrow(
      'suggestions.collections names "pages"',
    )
    expect(() => chatPlugin(options({ suggestions: { count: 40 } }))(withRetrieval())).toThrow('suggestions.count')
  })

  it('refuses to run without the retrieval plugin before it', () => {
    expect(() => chatPlugin(options())(base())).toThrow(/needs retrievalPlugin/)
  })
})
