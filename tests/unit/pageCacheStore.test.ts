/**
 * The page cache's store on its own: what it keeps, what an invalidation drops, and the render that
 * began before an invalidation and must not be kept. Values are shaped as Next.js hands them over.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'

import { PageCacheStore } from '../../src/pageCache/pageCacheStore'

const page = (html: string, tags: string[]) => ({
  headers: { 'x-next-cache-tags': tags.join(',') },
  html,
  kind: 'APP_PAGE',
  rscData: Buffer.from(html),
  status: 200,
})

const enabledStore = (maxBytes = 1_000_000, options: { invalidateAgainAfterMs?: number; maxAgeMs?: number } = {}) => {
  const store = new PageCacheStore({ maxBytes, ...options })
  store.enabled = true
  return store
}

/** What Next.js does for a page: asks, renders on a miss, stores. */
const render = (store: PageCacheStore, key: string, html: string, tags: string[]) => {
  expect(store.get(key)).toBeNull()
  store.set(key, page(html, tags))
}

describe('the page cache store', () => {
  it('keeps a rendered page and hands it back', () => {
    const store = enabledStore()
    render(store, '/projects/a', 'A', ['projects/a', 'media'])
    expect(store.get('/projects/a')?.value).toMatchObject({ html: 'A', kind: 'APP_PAGE' })
  })

  it('drops exactly the pages that carry an invalidated tag', () => {
    const store = enabledStore()
    render(store, '/projects/a', 'A', ['projects/a', 'skills'])
    render(store, '/projects/b', 'B', ['projects/b', 'skills'])
    render(store, '/blog', 'blog', ['blog-posts'])
    store.invalidate(['projects', 'projects/a'])
    expect(store.has('/projects/a')).toBe(false)
    expect(store.has('/projects/b')).toBe(true)
    expect(store.has('/blog')).toBe(true)
    store.invalidate(['skills'])
    expect(store.has('/projects/b')).toBe(false)
    expect(store.has('/blog')).toBe(true)
  })

  it('tags a data read by the tags it was given', () => {
    const store = enabledStore()
    expect(store.get('read-key')).toBeNull()
    store.set('read-key', { data: { body: '[]' }, kind: 'FETCH' }, { tags: ['projects'] })
    expect(store.has('read-key')).toBe(true)
    store.invalidate(['projects'])
    expect(store.has('read-key')).toBe(false)
  })

  it('does not keep a render that began before an invalidation of what it shows', () => {
    const store = enabledStore()
    expect(store.get('/projects/a')).toBeNull() // the render starts, reading the old title
    store.invalidate(['projects/a']) // the new title commits meanwhile
    store.set('/projects/a', page('old title', ['projects/a']))
    expect(store.has('/projects/a')).toBe(false)
    // An invalidation of something else does not hold a render back.
    expect(store.get('/projects/b')).toBeNull()
    store.invalidate(['blog-posts'])
    store.set('/projects/b', page('B', ['projects/b']))
    expect(store.has('/projects/b')).toBe(true)
  })

  it('does not keep a render that began before everything was dropped', () => {
    const store = enabledStore()
    expect(store.get('/')).toBeNull()
    store.invalidateAll()
    store.set('/', page('home', ['profile']))
    expect(store.has('/')).toBe(false)
  })

  it('does not keep a value it was never asked for', () => {
    const store = enabledStore()
    store.set('/unasked', page('x', ['profile']))
    expect(store.has('/unasked')).toBe(false)
  })

  it('drops everything at once', () => {
    const store = enabledStore()
    render(store, '/', 'home', ['profile'])
    render(store, '/blog', 'blog', ['blog-posts'])
    store.invalidateAll()
    expect(store.stats()).toMatchObject({ bytes: 0, entries: 0 })
  })

  it('keeps to its size, dropping the least recently used first', () => {
    const store = enabledStore(3000) // each page below is 2 × 1000 bytes (HTML and RSC)
    render(store, '/a', 'a'.repeat(500), ['a'])
    render(store, '/b', 'b'.repeat(500), ['b'])
    store.get('/a') // /a is now the more recently used
    render(store, '/c', 'c'.repeat(500), ['c'])
    expect(store.has('/a')).toBe(true)
    expect(store.has('/b')).toBe(false)
    expect(store.has('/c')).toBe(true)
    expect(store.stats().bytes).toBeLessThanOrEqual(3000)
    // Dropping by tag keeps the byte count right.
    store.invalidate(['a', 'c'])
    expect(store.stats()).toMatchObject({ bytes: 0, entries: 0 })
  })

  it('serves and keeps nothing while it is not following the invalidation log', () => {
    const store = enabledStore()
    render(store, '/', 'home', ['profile'])
    expect(store.get('/blog')).toBeNull() // a render starts
    store.enabled = false
    expect(store.get('/')).toBeNull()
    store.set('/blog', page('blog', ['blog-posts']))
    store.enabled = true
    expect(store.has('/blog')).toBe(false)
  })

  afterEach(() => vi.useRealTimers())

  it('renders a copy again once it is older than its maximum age', () => {
    vi.useFakeTimers()
    const store = enabledStore(1_000_000, { maxAgeMs: 60_000 })
    render(store, '/', 'home', ['profile'])
    vi.advanceTimersByTime(59_000)
    expect(store.get('/')).not.toBeNull()
    vi.advanceTimersByTime(2_000)
    expect(store.get('/')).toBeNull()
    expect(store.has('/')).toBe(false)
  })

  it('with read replicas, drops again what a render may have read from a replica behind', () => {
    vi.useFakeTimers()
    const store = enabledStore(1_000_000, { invalidateAgainAfterMs: 5_000 })
    render(store, '/projects/a', 'A', ['projects/a'])
    store.invalidate(['projects/a'])
    // Rendered again at once, from a replica that has not caught up: the old title.
    render(store, '/projects/a', 'old A', ['projects/a'])
    vi.advanceTimersByTime(5_000)
    expect(store.has('/projects/a')).toBe(false)
  })

  it('remembers, once, the log entries this process applied after its own writes', () => {
    const store = enabledStore()
    store.invalidate(['projects/a'], 41)
    store.invalidate(['projects/b'])
    expect(store.appliedHereBefore(41)).toBe(true)
    // Asked once by the follower; an entry another instance wrote was never applied here.
    expect(store.appliedHereBefore(41)).toBe(false)
    expect(store.appliedHereBefore(42)).toBe(false)
  })

  it('forgets the oldest misses past its limit, and then does not store their renders', () => {
    const store = enabledStore()
    expect(store.get('/first')).toBeNull()
    for (let i = 0; i < 10_000; i++) store.get(`/never-rendered/${i}`)
    store.set('/first', page('first', ['profile']))
    expect(store.has('/first')).toBe(false)
    render(store, '/later', 'later', ['profile'])
    expect(store.has('/later')).toBe(true)
  })
})
