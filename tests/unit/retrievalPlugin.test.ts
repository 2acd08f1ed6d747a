/** The plugin's effect on a Payload config: what it adds, what `disabled` keeps, what it refuses, how it reads a visitor's address. */
import type { CollectionConfig, Config } from 'payload'

import {
  addressFromHeader,
  clientAddressOf,
  createLocalEmbedder,
  type RetrievalPluginOptions,
  retrievalPlugin,
} from '@askfolio/payload-retrieval'
import { describe, expect, it } from 'vitest'

const posts: CollectionConfig = { slug: 'posts', fields: [{ name: 'title', type: 'text' }] }
const users: CollectionConfig = { slug: 'users', auth: true, fields: [] }
const roles: CollectionConfig = { slug: 'roles', fields: [] }
const base = (): Config =>
  ({
    collections: [posts, users, roles],
    db: { defaultIDType: 'number', init: () => ({}) as never, name: 'postgres' },
    secret: 'x',
  }) as Config

const options = (extra: Partial<RetrievalPluginOptions> = {}): RetrievalPluginOptions => ({
  collections: { posts: { fields: ['title'], title: (doc) => doc.title, url: (doc) => `/posts/${doc.id}` } },
  embedder: createLocalEmbedder({ dimensions: 8 }),
  ...extra,
})

const slugs = (config: Config) => (config.collections ?? []).map((collection) => collection.slug)
const hooksOf = (config: Config) => config.collections!.find((collection) => collection.slug === 'posts')!.hooks

describe('retrievalPlugin', () => {
  it('adds hooks, its collections, jobs, the search and index endpoints and the autoRun cron', () => {
    const config = retrievalPlugin(options())(base())
    expect(slugs(config)).toEqual(['posts', 'users', 'roles', 'retrieval-status', 'retrieval-runs'])
    expect(hooksOf(config)?.afterChange).toHaveLength(1)
    expect(hooksOf(config)?.afterDelete).toHaveLength(1)
    expect(config.jobs?.tasks?.map((task) => task.slug)).toEqual([
      'retrievalIndexDocument',
      'retrievalReindexAll',
      'retrievalRetryFailed',
    ])
    expect(config.jobs?.enableConcurrencyControl).toBe(true)
    expect(config.jobs?.autoRun).toEqual([{ cron: '* * * * * *', limit: 20, queue: 'retrieval' }])
    expect(config.endpoints?.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual([
      'get /search',
      'get /related',
      'get /retrieval/status',
      'post /retrieval/requeue',
      'get /retrieval/reindex',
      'post /retrieval/reindex',
    ])
  })

  it('keeps the schema but does nothing when disabled', () => {
    const config = retrievalPlugin(options({ disabled: true }))(base())
    expect(slugs(config)).toEqual(['posts', 'users', 'roles', 'retrieval-status', 'retrieval-runs'])
    expect(config.jobs?.tasks?.map((task) => task.slug)).toEqual([
      'retrievalIndexDocument',
      'retrievalReindexAll',
      'retrievalRetryFailed',
    ])
    expect(hooksOf(config)?.afterChange ?? []).toHaveLength(0)
    expect(config.endpoints ?? []).toHaveLength(0)
    expect(config.jobs?.autoRun).toBeUndefined()
    expect(config.onInit).toBeUndefined()
  })

  it('adds no related endpoint with `related.disabled`, and checks the related options', () => {
    const config = retrievalPlugin(options({ related: { disabled: true } }))(base())
    const paths = config.endpoints?.map((endpoint) => endpoint.path)
    expect(paths).toContain('/search')
    expect(paths).not.toContain('/related')
    expect(() => retrievalPlugin(options({ related: { defaultLimit: 5, maxLimit: 4 } }))(base())).toThrow(
      /related.defaultLimit \(5\) is above related.maxLimit \(4\)/,
    )
    expect(() => retrievalPlugin(options({ related: { terms: 0 } }))(base())).toThrow(
      /related.terms must be a whole number/,
    )
    // A maximum below 3 lowers the default with it.
    expect(() => retrievalPlugin(options({ related: { maxLimit: 2 } }))(base())).not.toThrow()
  })

  it('refuses any database adapter but PostgreSQL when the config is built, and adds nothing to the adapter', () => {
    const sqlite = { ...base(), db: { ...base().db, name: 'sqlite' } } as Config
    expect(() => retrievalPlugin(options())(sqlite)).toThrow(/needs Payload's PostgreSQL adapter .* not "sqlite"/)
    const config = base()
    // The plugin's tables come from its migration steps, not from Payload's Drizzle schema.
    expect(retrievalPlugin(options())(config).db).toBe(config.db)
  })

  it('refuses to index accounts, its own records and the collections the host names private, whatever the options say', () => {
    const source = { fields: ['email'], title: () => '', url: () => '' }
    expect(() => retrievalPlugin(options({ collections: { users: source } }))(base())).toThrow(/private data/)
    expect(() => retrievalPlugin(options({ collections: { roles: source }, neverIndex: ['roles'] }))(base())).toThrow(
      /"roles" holds private data/,
    )
    // Without the host's word, a collection is the host's to index.
    expect(slugs(retrievalPlugin(options({ collections: { roles: source } }))(base()))).toContain('retrieval-status')
    const withStatus = { ...base(), collections: [...base().collections!, { fields: [], slug: 'retrieval-status' }] }
    expect(() => retrievalPlugin(options({ collections: { 'retrieval-status': source } }))(withStatus)).toThrow(
      /private data/,
    )
    expect(() => retrievalPlugin(options({ collections: { nope: source } }))(base())).toThrow(/no collection "nope"/)
  })

  it("reads the visitor's address only as the host says, and keys everyone alike without that", () => {
    const visitor = (config: Config, headers: Record<string, string>) =>
      clientAddressOf({ headers: new Headers(headers), payload: { config } as never })
    const behindProxy = retrievalPlugin(options({ clientAddress: addressFromHeader('x-real-ip') }))(base())
    expect(visitor(behindProxy, { 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '203.0.113.9' })).toBe('203.0.113.9')
    expect(visitor(behindProxy, {})).toBe('unknown')
    // No option: a header the visitor may have forged picks no bucket.
    expect(visitor(retrievalPlugin(options())(base()), { 'x-real-ip': '203.0.113.9' })).toBe('unknown')
  })
})
