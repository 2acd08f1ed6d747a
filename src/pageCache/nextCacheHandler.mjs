/**
 * Next.js's cache handler (next.config.mjs `cacheHandler`): pages and visitor reads go to the
 * process's PageCacheStore (src/pageCache/pageCacheStore.ts) that server.ts installs in production.
 * Plain JavaScript, because `next build` loads it without a TypeScript loader. Without a store (the
 * build, development, scripts) it keeps nothing, so the build never caches a page it rendered.
 */
const store = () => globalThis[Symbol.for('askfolio.pageCache')]

export default class PageCacheHandler {
  async get(key) {
    return store()?.get(key) ?? null
  }

  async set(key, data, ctx) {
    store()?.set(key, data, ctx)
  }

  /** From Next's revalidateTag and revalidatePath: gone at once, whatever lifetime was asked for. */
  async revalidateTag(tags) {
    store()?.invalidate(typeof tags === 'string' ? [tags] : tags)
  }

  resetRequestCache() {}
}
