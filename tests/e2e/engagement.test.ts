import type { ChatInsights } from '@askfolio/payload-chat'
import type { Browser, Page } from 'playwright-core'

/**
 * Suggested questions and the widget's counts in Debian's Chromium, against the production build on
 * a fresh embedded database with the demo content: the empty widget offers questions that fit the
 * page and get answers, and real visits, opens, questions and clicks on a cited source show in the
 * insights, with no cookie set and nothing about the visitor kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { defaultAdminEmail } from '../../src/seed/adminCredentials'
import { launchChromium } from './helpers/chromium'
import { adminPassword, type ProductionApp, startProductionApp } from './helpers/productionApp'

let app: ProductionApp
let browser: Browser
let token: string

beforeAll(async () => {
  app = await startProductionApp({ CHAT_SUGGESTIONS_CACHE_SECONDS: '0' })
  browser = await launchChromium()
  const res = await fetch(`${app.base}/api/users/login`, {
    body: JSON.stringify({ email: defaultAdminEmail, password: adminPassword }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  token = ((await res.json()) as { token: string }).token
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

/** A first-time visitor: a browser context of its own, nothing stored. */
async function visit(pathname: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { height: 900, width: 1280 } })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  expect((await page.goto(`${app.base}${pathname}`))?.status()).toBe(200)
  await page.locator('askfolio-chat button.launcher').waitFor()
  return page
}

const engagement = async () => {
  const res = await fetch(`${app.base}/api/chat/insights?days=1`, { headers: { Authorization: `JWT ${token}` } })
  return ((await res.json()) as ChatInsights).engagement
}
const pageRow = async (pathname: string) =>
  (await engagement()).topPages.find((row) => row.page === pathname) ?? { opens: 0, questions: 0, views: 0 }

describe('the widget in a real browser', () => {
  it('offers questions that fit the page, and the one a visitor picks is answered with sources', async () => {
    const page = await visit('/projects/tidewater')
    const host = page.locator('askfolio-chat')
    await host.locator('button.launcher').click()
    const offered = host.locator('ul.suggest button')
    await expect.poll(() => offered.count()).toBeGreaterThanOrEqual(3)
    const first = await offered.first().innerText()
    expect(first).toMatch(/Tidewater/)
    await offered.first().click()
    const answer = host.locator('article.a').first()
    await expect.poll(() => answer.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false')
    expect(await host.locator('div.q').first().innerText()).toBe(first)
    // Answered from the page, not "I don't know" nor "not sure".
    expect(await answer.locator('ol.sources[aria-label="Sources"] a').count()).toBeGreaterThan(0)
    expect(await host.locator('ul.suggest').count()).toBe(0)

    // Every question offered gets such an answer.
    for (const question of (await (await fetch(`${app.base}/api/chat/suggestions?page=/projects/tidewater`)).json())
      .questions as string[]) {
      const res = await fetch(`${app.base}/api/chat`, {
        body: JSON.stringify({ message: question }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      expect(((await res.json()) as { confidence: string }).confidence, question).toBe('high')
    }
    await page.context().close()
  })

  it('counts views, opens, questions and a click on a cited source, with no cookie and nothing personal', async () => {
    const before = await pageRow('/projects/ledgerline')
    const clicksBefore = (await engagement()).totals.clicks
    for (let i = 0; i < 2; i++) await (await visit('/projects/ledgerline')).context().close()
    await expect.poll(async () => (await pageRow('/projects/ledgerline')).views).toBe(before.views + 2)

    const page = await visit('/projects/ledgerline')
    const host = page.locator('askfolio-chat')
    await host.locator('button.launcher').click()
    await host
      .getByRole('textbox', { name: 'Your question' })
      .fill('How does Ledgerline correct a mistake in the ledger?')
    await host.getByRole('textbox', { name: 'Your question' }).press('Enter')
    const answer = host.locator('article.a').first()
    await expect.poll(() => answer.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false')
    await expect
      .poll(() => pageRow('/projects/ledgerline'))
      .toMatchObject({
        opens: before.opens + 1,
        questions: before.questions + 1,
        views: before.views + 3,
      })

    const source = answer.locator('ol.sources a').first()
    const href = new URL((await source.getAttribute('href'))!)
    await source.click()
    await page.waitForURL((url) => url.pathname === href.pathname)
    await expect.poll(async () => (await engagement()).totals.clicks).toBe(clicksBefore + 1)
    expect((await engagement()).citedNotClicked.map((row) => row.url)).not.toContain(href.pathname)

    // Nothing was stored in the browser, and the counts name no visitor.
    expect(await page.context().cookies()).toEqual([])
    expect(await page.evaluate(() => document.cookie)).toBe('')
    const counted = JSON.stringify(await engagement())
    expect(counted).not.toMatch(/127\.0\.0\.1|HeadlessChrome|Mozilla/)
    await page.context().close()
  })

  it('sends no counts from a browser that asks sites not to track', async () => {
    const before = await pageRow('/blog')
    const context = await browser.newContext({ extraHTTPHeaders: { DNT: '1' } })
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }))
    const page = await context.newPage()
    await page.goto(`${app.base}/blog`)
    await page.locator('askfolio-chat button.launcher').click()
    // A visit that does count, after it: once it shows, the first one would have too.
    await (await visit('/blog')).context().close()
    await expect.poll(async () => (await pageRow('/blog')).views).toBe(before.views + 1)
    expect((await pageRow('/blog')).opens).toBe(before.opens)
    await context.close()
  })
})
