/**
 * The site's pages from Next.js's cache, in the production build, with two web instances on one
 * (embedded) database: a page is rendered once and then served from memory; publishing, unpublishing,
 * deleting, and changing the profile or a skill replace it at once (and a project page's related posts with them) on the instance that made the
 * change and, through the invalidation log, on the other; drafts and the preview never enter it.
 * The other instance is waited for (it reads the log every second); nothing here times anything.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminPassword, type ProductionApp, startProductionApp } from '../e2e/helpers/productionApp'

let a: ProductionApp
let b: ProductionApp
let auth: { jwt: string }

type Page = { cache: null | string; cacheControl: null | string; html: string; status: number }

async function get(app: ProductionApp, pathname: string, headers: Record<string, string> = {}): Promise<Page> {
  const res = await fetch(`${app.base}${pathname}`, { headers, redirect: 'manual' })
  return {
    cache: res.headers.get('x-nextjs-cache'),
    cacheControl: res.headers.get('cache-control'),
    html: await res.text(),
    status: res.status,
  }
}

/** Asks `app` for the page until `ready` holds (the other instance reads the log every second). */
async function eventually(
  app: ProductionApp,
  pathname: string,
  ready: (page: Page) => boolean,
  tries = 100,
): Promise<Page> {
  let page = await get(app, pathname)
  for (let tried = 0; !ready(page) && tried < tries; tried++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    page = await get(app, pathname)
  }
  return page
}

/**
 * Asks until the page is served from the cache, so a test starts from a cached page. (An indexing
 * job finishing a second after a change drops the pages that show related documents once more.)
 */
async function cached(app: ProductionApp, pathname: string): Promise<Page> {
  await get(app, pathname)
  let page = await get(app, pathname)
  for (let tries = 0; page.cache !== 'HIT' && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    page = await get(app, pathname)
  }
  expect(page.cache).toBe('HIT')
  return page
}

async function api(method: string, pathname: string, body?: unknown) {
  const res = await fetch(`${a.base}/api${pathname}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { Authorization: `JWT ${auth.jwt}`, 'Content-Type': 'application/json' },
    method,
  })
  const json = (await res.json()) as { doc?: { id: number }; docs?: { id: number }[] }
  expect(res.status, JSON.stringify(json)).toBeLessThan(300)
  return json
}

const idOf = async (collection: string, slug: string) =>
  (await api('GET', `/${collection}?where[slug][equals]=${slug}&depth=0`)).docs![0].id

beforeAll(async () => {
  a = await startProductionApp()
  b = await startProductionApp({ DATA_DIR: a.dataDir, MEDIA_DIR: path.join(a.dataDir, 'media') })
  const res = await fetch(`${a.base}/api/users/login`, {
    body: JSON.stringify({ email: 'admin@example.com', password: adminPassword }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  const { token } = (await res.json()) as { token: string }
  auth = { jwt: token }
})

afterAll(async () => {
  await b?.stop()
  await a?.stop()
})

describe('cached pages', () => {
  it('renders a page once, then serves it from the cache, with browsers told to ask again', async () => {
    const first = await get(a, '/projects/switchyard')
    const second = await get(a, '/projects/switchyard')
    expect(first.status).toBe(200)
    expect(second.cache).toBe('HIT')
    expect(second.html).toBe(first.html)
    // No year-long s-maxage for a CDN that would never hear of a change.
    expect(second.cacheControl).toBe('public, max-age=0, must-revalidate')
    // Asking again with the ETag costs nothing while the page stays the same; gzipped, it is the same page.
    const head = await fetch(`${a.base}/projects/switchyard`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(head.headers.get('content-encoding')).toBe('gzip')
    expect(await head.text()).toBe(first.html)
    const etag = head.headers.get('etag')!
    const unchanged = await fetch(`${a.base}/projects/switchyard`, { headers: { 'If-None-Match': etag } })
    expect(unchanged.status).toBe(304)
  })

  it('shows a published change at once on this instance, and on the other', async () => {
    await cached(a, '/projects/tidewater')
    await cached(b, '/projects/tidewater')
    await cached(a, '/projects')
    const id = await idOf('projects', 'tidewater')
    await api('PATCH', `/projects/${id}`, { title: 'Tidewater, renamed' })

    const here = await get(a, '/projects/tidewater')
    expect(here.html).toContain('Tidewater, renamed')
    expect((await get(a, '/projects')).html).toContain('Tidewater, renamed')
    const there = await eventually(b, '/projects/tidewater', (page) => page.html.includes('Tidewater, renamed'))
    expect(there.html).toContain('Tidewater, renamed')
  })

  it('never caches a draft, and the preview is never cached either', async () => {
    await cached(a, '/projects/quarry')
    await cached(b, '/projects/quarry')
    const id = await idOf('projects', 'quarry')
    await api('PATCH', `/projects/${id}?draft=true`, { title: 'Quarry secret draft' })

    // The editor's preview shows the draft, rendered for them and marked for no cache to keep.
    const enter = await fetch(
      `${a.base}/preview?collection=projects&slug=quarry&path=${encodeURIComponent('/projects/quarry')}`,
      { headers: { Authorization: `JWT ${auth.jwt}` }, redirect: 'manual' },
    )
    expect(enter.status).toBe(307)
    const bypass = enter.headers.getSetCookie().map((cookie) => cookie.split(';')[0])
    const preview = await get(a, '/projects/quarry', { Authorization: `JWT ${auth.jwt}`, Cookie: bypass.join('; ') })
    // (Next.js labels even this response `x-nextjs-cache: HIT`; what it sends is the fresh draft.)
    expect(preview.html).toContain('Quarry secret draft')
    expect(preview.cacheControl).toMatch(/no-store/)

    // Visitors still get the published page on both instances, after the other instance has read
    // past the draft save (it has once it shows a change made after it).
    const post = await idOf('blog-posts', 'why-i-keep-a-decision-log')
    await api('PATCH', `/blog-posts/${post}`, { title: 'Why I keep a decision log, still' })
    await eventually(b, '/blog', (page) => page.html.includes('Why I keep a decision log, still'))
    for (const app of [a, b]) {
      const page = await get(app, '/projects/quarry')
      expect(page.status).toBe(200)
      expect(page.html).not.toContain('Quarry secret draft')
    }
  })

  it('takes a page down at once when it is unpublished, trashed or deleted', async () => {
    for (const app of [a, b]) await cached(app, '/projects/fieldnotes')
    await cached(a, '/projects/ledgerline')
    await api('PATCH', `/projects/${await idOf('projects', 'fieldnotes')}`, { _status: 'draft' })
    expect((await get(a, '/projects/fieldnotes')).status).toBe(404)
    expect((await get(a, '/projects')).html).not.toContain('/projects/fieldnotes"')
    expect((await eventually(b, '/projects/fieldnotes', (page) => page.status === 404)).status).toBe(404)

    await cached(a, '/blog/designing-idempotent-webhooks')
    const webhooks = await idOf('blog-posts', 'designing-idempotent-webhooks')
    await api('PATCH', `/blog-posts/${webhooks}`, { deletedAt: new Date().toISOString() })
    expect((await get(a, '/blog/designing-idempotent-webhooks')).status).toBe(404)
    expect((await get(a, '/blog')).html).not.toContain('/blog/designing-idempotent-webhooks"')

    await cached(b, '/projects/ledgerline')
    await api('DELETE', `/projects/${await idOf('projects', 'ledgerline')}`)
    expect((await get(a, '/projects/ledgerline')).status).toBe(404)
    expect((await eventually(b, '/projects/ledgerline', (page) => page.status === 404)).status).toBe(404)
  })

  it('replaces a cached "not found" once something is published at its address', async () => {
    for (const app of [a, b]) {
      const missing = await cached(app, '/projects/lighthouse')
      expect(missing.status).toBe(404)
    }
    await api('POST', '/projects', {
      _status: 'published',
      slug: 'lighthouse',
      summary: 'A new one.',
      title: 'Lighthouse',
    })
    const here = await get(a, '/projects/lighthouse')
    expect(here.status).toBe(200)
    expect(here.html).toContain('Lighthouse')
    expect((await eventually(b, '/projects/lighthouse', (page) => page.status === 200)).status).toBe(200)
  })

  it('changes every page with the profile, and the pages that show a skill with the skill', async () => {
    await cached(a, '/')
    await cached(a, '/projects/switchyard')
    await cached(b, '/blog')
    await api('POST', '/globals/profile', { name: 'Maya Renamed' })
    expect((await get(a, '/')).html).toContain('Maya Renamed')
    expect((await get(a, '/projects/switchyard')).html).toContain('Maya Renamed')
    expect((await eventually(b, '/blog', (page) => page.html.includes('Maya Renamed'))).html).toContain('Maya Renamed')

    await cached(a, '/projects/switchyard')
    await cached(a, '/blog')
    await api('PATCH', `/skills/${await idOf('skills', 'aws')}`, { name: 'Amazon Web Services' })
    expect((await get(a, '/projects/switchyard')).html).toContain('Amazon Web Services')
    // A page that shows no skill stays cached.
    expect((await get(a, '/blog')).cache).toBe('HIT')
  })
})

describe('related documents on cached pages', () => {
  it('shows "Related" on a project page, and takes a related post off it as soon as it is unpublished', async () => {
    const words =
      'Zephyrquill buoys measure salinity and kelp growth offshore; their telemetry reaches the harbour by radio.'
    const project = (await api('POST', '/projects', { _status: 'published', summary: words, title: 'Kelpline' })).doc!
    await get(a, '/projects/kelpline')
    const post = (
      await api('POST', '/blog-posts', {
        _status: 'published',
        excerpt:
          'Zephyrquill buoys log salinity beside the kelp lines offshore, and what their radio telemetry taught us.',
        title: 'Salinity buoys for kelp',
      })
    ).doc!
    const link = 'href="/blog/salinity-buoys-for-kelp"'
    // Shown once the index holds the post, even where the page was rendered before its indexing job ran.
    for (const app of [a, b]) {
      // (Indexing jobs run every second, beside everything else the two instances do.)
      const page = await eventually(app, '/projects/kelpline', (shown) => shown.html.includes(link), 300)
      expect(page.html).toContain('>Related</h2>')
      expect(page.html).toContain(`${link}>Salinity buoys for kelp</a>`)
      // The passage that made it related, as text.
      expect(page.html).toContain('what their radio telemetry taught us')
    }
    await cached(a, '/projects/kelpline')
    expect((await fetch(`${a.base}/api/related?collection=projects&id=${project.id}`)).status).toBe(200)

    await api('PATCH', `/blog-posts/${post.id}`, { _status: 'draft' })
    expect((await get(a, '/projects/kelpline')).html).not.toContain(link)
    expect((await eventually(b, '/projects/kelpline', (page) => !page.html.includes(link))).html).not.toContain(link)
  })
})
