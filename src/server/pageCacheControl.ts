import type { RequestHandler } from 'express'

const revalidateEachTime = 'public, max-age=0, must-revalidate'

/**
 * Next.js sends its cached pages with `s-maxage=31536000, stale-while-revalidate`, for a CDN to keep
 * them a year. This server drops a page the moment it changes (src/pageCache), and a CDN would not
 * hear of it; so browsers and shared caches are told to ask again each time (an ETag makes that a
 * 304 while the page stays the same).
 */
export const pageCacheControl: RequestHandler = (_req, res, next) => {
  const setHeader = res.setHeader.bind(res)
  res.setHeader = (name, value) =>
    setHeader(
      name,
      name.toLowerCase() === 'cache-control' && /s-maxage/.test(String(value)) ? revalidateEachTime : value,
    )
  next()
}
