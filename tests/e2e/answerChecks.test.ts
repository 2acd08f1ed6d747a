/**
 * The editor's loop in the admin, in Chromium against the production build: an unanswered question
 * in Chat insights, "Write an answer" opening the FAQ draft it made, and after the entry is published
 * and unpublished (over the API, as the editor), the failing check in the insights naming the entry
 * whose change broke it, with a link to it.
 */
import type { Browser, Page } from 'playwright-core'

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { defaultAdminEmail } from '../../src/seed/adminCredentials'
import { launchChromium } from './helpers/chromium'
import { adminPassword, type ProductionApp, startProductionApp } from './helpers/productionApp'

const screenshots = path.resolve('tests/e2e/screenshots')
const question = 'Do you breed alpacas in Patagonia?'
const answer = 'Yes: we breed alpacas on a small farm in Patagonia, and shear them each spring.'

let app: ProductionApp
let browser: Browser
let token: string

/** Lexical JSON for one paragraph, as the admin's editor stores it. */
const paragraph = (text: string) => ({
  root: {
    children: [
      {
        children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }],
        direction: 'ltr',
        format: '',
        indent: 0,
        type: 'paragraph',
        version: 1,
      },
    ],
    direction: 'ltr',
    format: '',
    indent: 0,
    type: 'root',
    version: 1,
  },
})

const api = async (method: string, pathname: string, body?: object) => {
  const response = await fetch(`${app.base}${pathname}`, {
    body: body && JSON.stringify(body),
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
    method,
  })
  return { body: await response.json(), status: response.status }
}

/** The check's last result once the jobs have run: indexing runs every second; the chat queue is run here rather than waited for. */
const lastResult = async () => {
  await api('GET', '/api/payload-jobs/run?queue=chat&limit=10')
  const { body } = await api('GET', '/api/chat-checks?depth=0')
  return body.docs[0]?.lastResult ?? null
}

beforeAll(async () => {
  fs.mkdirSync(screenshots, { recursive: true })
  app = await startProductionApp()
  browser = await launchChromium()
  const login = await fetch(`${app.base}/api/users/login`, {
    body: JSON.stringify({ email: defaultAdminEmail, password: adminPassword }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  token = (await login.json()).token
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

async function signedIn(): Promise<Page> {
  const context = await browser.newContext({ viewport: { height: 900, width: 1280 } })
  const page = await context.newPage()
  await page.goto(`${app.base}/admin/login`)
  await page.fill('input[name="email"]', defaultAdminEmail)
  await page.fill('input[name="password"]', adminPassword)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 })
  return page
}

describe('answer checks in the admin', () => {
  it('writes an answer from an unanswered question, and shows which change broke its check', async () => {
    const asked = await fetch(`${app.base}/api/chat`, {
      body: JSON.stringify({ message: question }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect((await asked.json()).answer).toMatch(/I don't know/)

    const page = await signedIn()
    await page.goto(`${app.base}/admin/chat-insights`)
    const row = page.getByTestId('insights-unanswered').locator('tr', { hasText: question })
    await row.getByRole('button', { name: 'Write an answer' }).click()
    await page.waitForURL(/\/admin\/collections\/faq\/\d+$/, { timeout: 30_000 })
    const id = Number(new URL(page.url()).pathname.split('/').pop())
    await expect.poll(() => page.locator('input[name="question"]').inputValue()).toBe(question)

    expect((await api('PATCH', `/api/faq/${id}`, { _status: 'published', answer: paragraph(answer) })).status).toBe(200)
    await expect.poll(lastResult, { interval: 1000, timeout: 60_000 }).toBe('pass')
    // Visitors read it on /faq (cached from then on), at the anchor the chat cites.
    const visitor = await (await browser.newContext()).newPage()
    await visitor.goto(`${app.base}/faq`)
    expect(await visitor.locator('#do-you-breed-alpacas-in-patagonia').innerText()).toContain(answer)

    expect((await api('PATCH', `/api/faq/${id}`, { _status: 'draft' })).status).toBe(200)
    await expect.poll(lastResult, { interval: 1000, timeout: 60_000 }).toBe('fail')
    // Unpublishing dropped the cached page.
    await visitor.goto(`${app.base}/faq`)
    expect(await visitor.locator('main').innerText()).toContain('No answers are published yet.')

    await page.goto(`${app.base}/admin/chat-insights`)
    // The question now leads to the entry that answers it, not to a second draft.
    const written = page.getByTestId('insights-unanswered').locator('tr', { hasText: question })
    expect(await written.getByRole('link', { name: 'Answer started' }).getAttribute('href')).toBe(
      `/admin/collections/faq/${id}`,
    )
    const failing = page.getByTestId('insights-failing-checks').locator('tr', { hasText: question })
    const brokenBy = failing.getByTestId('broken-by')
    expect(await brokenBy.getByRole('link', { name: question }).getAttribute('href')).toBe(
      `/admin/collections/faq/${id}`,
    )
    expect(await brokenBy.innerText()).toContain('by Site admin')
    await page.screenshot({ fullPage: true, path: path.join(screenshots, 'answer-checks.png') })
  })
})
