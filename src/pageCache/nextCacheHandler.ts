import { pageCacheStore } from './pageCacheStore'

type Value = Parameters<NonNullable<ReturnType<typeof pageCacheStore>>['set']>[1]

/**
 * Next.js's cache for pages and visitor reads, over this process's PageCacheStore. Without a store
 * (development, scripts) it keeps nothing, so development always renders fresh.
 */
class PageCacheHandler {
  async get(key: string) {
    return pageCacheStore()?.get(key) ?? null
  }

  async set(key: string, data: Value, ctx: { tags?: string[] }) {
    pageCacheStore()?.set(key, data, ctx)
  }

  /** From Next's revalidateTag and revalidatePath: gone at once, whatever lifetime was asked for. */
  async revalidateTag(tags: string | string[]) {
    pageCacheStore()?.invalidate(typeof tags === 'string' ? [tags] : tags)
  }

  resetRequestCache() {}
}

const handlersKey = Symbol.for('@next/cache-handlers')
type Holder = Record<symbol, Record<string, unknown> | undefined>

/**
 * Makes PageCacheHandler the cache of the Next.js server in this process. Next.js takes the
 * `FetchCache` under this global (the slot deployment adapters fill) when next.config names no
 * `cacheHandler`; a configured one would be imported again on every request Next.js handles, which
 * under tsx's loader costs more than serving a cached page. `next build` keeps its own file cache:
 * nothing it renders is ever read from here.
 */
export function registerPageCacheHandler(): void {
  const holder = globalThis as unknown as Holder
  holder[handlersKey] = { ...holder[handlersKey], FetchCache: PageCacheHandler }
}
