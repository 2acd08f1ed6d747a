/**
 * The site's rendered pages (and the visitor reads they are made of), in this process's memory,
 * found by Next.js through `nextCacheHandler.ts`. It lives on globalThis because server.ts, the
 * invalidation follower, Next.js's cache and Payload's hooks (bundled by Next.js, a copy of their
 * own) must all reach the same entries.
 *
 * An entry is dropped, never kept stale, when one of its tags is invalidated: a visitor's next
 * request renders the page again. A render that began before an invalidation of one of its tags is
 * not stored, since it may hold what was just replaced.
 */

type Tagged = { headers?: Record<string, unknown>; kind?: string } & Record<string, unknown>
type HandlerValue = { lastModified?: number; value: null | Tagged } & Record<string, unknown>
type SetContext = { tags?: string[] }

type Entry = { key: string; size: number; stored: HandlerValue; tags: string[] }

/** A rendered page as serveCachedPage.ts sends it. */
export type CachedPage = { headers?: Record<string, unknown>; html: string; status?: number }

/** The address a page entry is for: Next keys them `/route-cache/APP_PAGE/<route>/$<pathname>`, the home page as `/index`. */
function pagePathOf(key: string, value: null | Tagged): string | undefined {
  if (value?.kind !== 'APP_PAGE' || typeof value.html !== 'string') return undefined
  const path = /^\/route-cache\/APP_PAGE\/[^/]+\/\$(\/.*)$/.exec(key)?.[1]
  return path === '/index' ? '/' : path
}

export type PageCacheStats = { bytes: number; entries: number; invalidations: number; maxBytes: number }

const tagsHeader = 'x-next-cache-tags'

/** The tags Next.js records on a page (in its headers) or that a data read was given. */
function tagsOf(value: null | Tagged, ctx: SetContext): string[] {
  const header = value?.headers?.[tagsHeader]
  const fromHeader = typeof header === 'string' && header ? header.split(',') : []
  return [...new Set([...fromHeader, ...(ctx.tags ?? [])])]
}

/** About what an entry holds in memory: its HTML, RSC payload and segments, or its JSON. */
function sizeOf(value: null | Tagged): number {
  if (!value) return 64
  let size = 0
  for (const part of Object.values(value)) {
    if (typeof part === 'string') size += part.length
    else if (part instanceof Uint8Array) size += part.byteLength
    else if (part instanceof Map) for (const segment of part.values()) size += segment?.byteLength ?? 0
  }
  return size || JSON.stringify(value).length
}

/** Misses remembered at most: a render that fails never stores, and its miss must not stay forever. */
const maxPendingMisses = 10_000

export type PageCacheOptions = {
  /** Bytes of pages and reads kept. */
  maxBytes: number
  /**
   * A copy older than this is rendered again (a page's time-dependent bits, such as the footer's
   * year, and a safety net for a change made outside Payload). @default one day
   */
  maxAgeMs?: number
  /**
   * With read replicas, every invalidation is applied once more after this long: a render right
   * after the first may have read a replica that had not caught up yet. @default 0 (none)
   */
  invalidateAgainAfterMs?: number
}

export class PageCacheStore {
  /** Off until the instance follows the invalidation log (followInvalidations.ts), and while it cannot. */
  enabled = false
  readonly maxBytes: number
  private readonly maxAgeMs: number
  private readonly againAfterMs: number
  private bytes = 0
  private readonly entries = new Map<string, Entry>()
  private readonly byTag = new Map<string, Set<string>>()
  private readonly pageKeys = new Map<string, string>()
  /** Bumped by every invalidation; what a tag (or everything) was last invalidated at. */
  private generation = 0
  private everythingAt = 0
  private readonly tagAt = new Map<string, number>()
  /** The generation at which a key was missed, so its render can be checked when it is stored. */
  private readonly missedAt = new Map<string, number>()
  private invalidations = 0
  /** Log entries this process applied itself, after its own commits (followInvalidations.ts skips them). */
  private readonly appliedHere = new Set<number>()

  constructor({ invalidateAgainAfterMs = 0, maxAgeMs = 24 * 60 * 60 * 1000, maxBytes }: PageCacheOptions) {
    this.maxBytes = maxBytes
    this.maxAgeMs = maxAgeMs
    this.againAfterMs = invalidateAgainAfterMs
  }

  get(key: string): HandlerValue | null {
    if (!this.enabled) return null
    let entry = this.entries.get(key)
    if (entry && Date.now() - (entry.stored.lastModified ?? 0) > this.maxAgeMs) {
      this.remove(key)
      entry = undefined
    }
    if (!entry) {
      if (!this.missedAt.has(key)) this.missedAt.set(key, this.generation)
      // Oldest first out (a Map keeps insertion order); a render that lost its miss is not stored.
      if (this.missedAt.size > maxPendingMisses) this.missedAt.delete(this.missedAt.keys().next().value!)
      return null
    }
    // Least recently used last out: a hit moves the entry to the back.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.stored
  }

  set(key: string, value: null | Tagged, ctx: SetContext = {}): void {
    const missedAt = this.missedAt.get(key)
    this.missedAt.delete(key)
    if (!this.enabled) return
    const tags = tagsOf(value, ctx)
    // Stored only when nothing it shows was invalidated since its render began (Next.js always asks
    // before it renders, so a set without that miss is left out rather than trusted).
    if (missedAt === undefined || this.invalidatedSince(tags, missedAt)) return
    this.remove(key)
    const entry: Entry = { key, size: sizeOf(value), stored: { lastModified: Date.now(), value }, tags }
    if (entry.size > this.maxBytes) return
    this.entries.set(key, entry)
    this.bytes += entry.size
    const path = pagePathOf(key, value)
    if (path) this.pageKeys.set(path, key)
    for (const tag of tags) {
      let keys = this.byTag.get(tag)
      if (!keys) this.byTag.set(tag, (keys = new Set()))
      keys.add(key)
    }
    this.evict()
  }

  /**
   * Drops every entry carrying one of `tags` (and again later, with read replicas). `logEntry` is
   * the invalidation log's entry for it, when this process wrote the change.
   */
  invalidate(tags: Iterable<string>, logEntry?: number): void {
    const list = [...tags]
    if (logEntry !== undefined) {
      this.appliedHere.add(logEntry)
      // Oldest first out, like the misses: a follower that read the entry first never asks.
      if (this.appliedHere.size > maxPendingMisses) this.appliedHere.delete(this.appliedHere.values().next().value!)
    }
    this.drop(list)
    if (this.againAfterMs > 0) setTimeout(() => this.drop(list), this.againAfterMs).unref()
  }

  private drop(tags: string[]): void {
    this.generation += 1
    this.invalidations += 1
    for (const tag of tags) {
      this.tagAt.set(tag, this.generation)
      for (const key of [...(this.byTag.get(tag) ?? [])]) this.remove(key)
    }
  }

  /** Whether this process applied log entry `id` itself; answered once (the follower asks once). */
  appliedHereBefore(id: number): boolean {
    return this.appliedHere.delete(id)
  }

  /** Drops everything (a follower that lost track of changes; an entry for every page). */
  invalidateAll(): void {
    this.generation += 1
    this.invalidations += 1
    this.everythingAt = this.generation
    for (const key of [...this.entries.keys()]) this.remove(key)
  }

  /** The cached page at `pathname` (as a visitor asks for it), if there is one. */
  findPage(pathname: string): CachedPage | undefined {
    const key = this.enabled ? this.pageKeys.get(pathname) : undefined
    // The stored value itself: the same object for as long as this copy is cached.
    return (key === undefined ? undefined : (this.get(key)?.value ?? undefined)) as CachedPage | undefined
  }

  has(key: string): boolean {
    return this.entries.has(key)
  }

  stats(): PageCacheStats {
    return { bytes: this.bytes, entries: this.entries.size, invalidations: this.invalidations, maxBytes: this.maxBytes }
  }

  private invalidatedSince(tags: string[], generation: number): boolean {
    if (this.everythingAt > generation) return true
    return tags.some((tag) => (this.tagAt.get(tag) ?? 0) > generation)
  }

  private remove(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.bytes -= entry.size
    const path = pagePathOf(key, entry.stored.value)
    if (path && this.pageKeys.get(path) === key) this.pageKeys.delete(path)
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag)
      keys?.delete(key)
      if (keys?.size === 0) this.byTag.delete(tag)
    }
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return
      this.remove(key)
    }
  }
}

const storeKey = Symbol.for('askfolio.pageCache')
type Holder = Record<symbol, PageCacheStore | undefined>

/** Creates this process's store (server.ts, in production); until then Next.js caches nothing. */
export function installPageCache(options: PageCacheOptions): PageCacheStore {
  const holder = globalThis as unknown as Holder
  holder[storeKey] ??= new PageCacheStore(options)
  return holder[storeKey]
}

/** This process's store, or undefined where pages are not cached (development, the build, scripts). */
export const pageCacheStore = (): PageCacheStore | undefined => (globalThis as unknown as Holder)[storeKey]
