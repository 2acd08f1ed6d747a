/**
 * The product in a real browser: Debian's Chromium against the production build (`next build`, then
 * server.ts as `npm start` runs it) on a fresh embedded database with the demo content. The tests run
 * in order and build on each other: the editor's post is what the visitor then asks about.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { defaultAdminEmail } from '../../src/seed/adminCredentials'
import { freePort } from '../helpers/freePort'
import { launchChromium } from './helpers/chromium'
import { type HostPage, serveHostPage } from './helpers/hostPage'
import { adminPassword, type ProductionApp, startProductionApp } from './helpers/productionApp'
import { startSlowProxy } from './helpers/slowProxy'

const screenshots = path.resolve('tests/e2e/screenshots')
const post = {
  question: 'How many herons did the lighthouse keeper count?',
  sentence: 'The lighthouse keeper counted exactly forty-two herons every morning.',
  slug: 'notes-on-quiet-lighthouses',
  title: 'Notes on quiet lighthouses',
}
const perSessionLimit = 3

let app: ProductionApp
let browser: Browser
let allowedHost: HostPage
let refusedHost: HostPage
const contexts: BrowserContext[] = []

beforeAll(async () => {
  fs.mkdirSync(screenshots, { recursive: true })
  // The host pages start first: the app is told which of their origins may use the chat.
  const appPort = await freePort()
  allowedHost = await serveHostPage(`http://localhost:${appPort}`)
  refusedHost = await serveHostPage(`http://localhost:${appPort}`)
  app = await startProductionApp({
    CHAT_ALLOWED_ORIGINS: allowedHost.origin,
    CHAT_RATE_LIMIT_PER_SESSION: String(perSessionLimit),
    PORT: String(appPort),
    // Windows are aligned to the clock; an hour makes it unlikely that one starts mid-test.
    RATE_LIMIT_WINDOW_SECONDS: '3600',
  })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([app?.stop(), allowedHost?.close(), refusedHost?.close()])
})

async function newPage(options: { colorScheme?: 'dark' | 'light' } = {}): Promise<Page> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { height: 900, width: 1280 },
  })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  return page
}

async function signIn(page: Page) {
  await page.goto(`${app.base}/admin/login`)
  await page.fill('input[name="email"]', defaultAdminEmail)
  await page.fill('input[name="password"]', adminPassword)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 })
}

/** The widget's parts (playwright's CSS locators pierce its open shadow root). */
const widget = (page: Page) => {
  const host = page.locator('askfolio-chat')
  return {
    answers: host.locator('article.a'),
    host,
    input: host.getByRole('textbox', { name: 'Your question' }),
    launcher: host.locator('button.launcher'),
    panel: host.locator('#panel'),
    send: host.locator('button.send'),
  }
}

/** Asks through the widget (open already) and waits until that answer is complete or failed. */
async function ask(page: Page, question: string): Promise<Locator> {
  const { answers, input, send } = widget(page)
  const before = await answers.count()
  await input.fill(question)
  await input.press('Enter')
  const answer = answers.nth(before)
  await expect.poll(() => answer.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false')
  await expect.poll(() => send.innerText()).toBe('Send')
  return answer
}

const isHidden = (panel: Locator) => panel.evaluate((el) => (el as HTMLElement).hidden)

const indexState = (page: Page) => page.locator('[data-testid=index-status] [data-state]').getAttribute('data-state')

describe('in a real browser', () => {
  it('an editor signs in, publishes a post, and sees it indexed', async () => {
    const page = await newPage()
    await signIn(page)
    await page.goto(`${app.base}/admin/collections/blog-posts/create`)
    await page.locator('#field-title').fill(post.title)
    await page.locator('.rich-text-lexical [contenteditable="true"]').first().click()
    await page.keyboard.type(post.sentence)
    await page.locator('#action-save').click()
    await page.waitForURL(/\/admin\/collections\/blog-posts\/\d+$/)
    await expect.poll(() => indexState(page), { interval: 500, timeout: 60_000 }).toBe('indexed')
    expect(await page.getByTestId('index-status').innerText()).toMatch(/Indexed · 1 chunk/)

    // The whole index, as editors see it: the new post is in it, indexed.
    await page.goto(`${app.base}/admin/collections/retrieval-status`)
    const row = page.locator('tr', { hasText: post.title })
    await expect.poll(() => row.innerText()).toMatch(/indexed/)
    await page.getByTestId('reindex-panel').waitFor()
    await page.screenshot({ path: path.join(screenshots, 'index-view.png') })
  })

  it('a visitor asks the widget about it, watches the answer stream, and follows the citation to the post', async () => {
    const page = await newPage()
    const response = await page.goto(`${app.base}/`)
    expect(response?.status()).toBe(200)
    await page.screenshot({ path: path.join(screenshots, 'home.png') })
    const { answers, input, launcher, panel } = widget(page)
    expect(await launcher.getAttribute('aria-expanded')).toBe('false')
    expect(await isHidden(panel)).toBe(true)
    await launcher.click()
    expect(await isHidden(panel)).toBe(false)
    expect(await launcher.getAttribute('aria-expanded')).toBe('true')
    expect(await widget(page).host.getByRole('dialog', { name: 'Ask this site' }).count()).toBe(1)
    // The site's own intro, from its script tag's data-intro.
    expect(await widget(page).host.locator('p.intro').innerText()).toBe(
      'Ask about the projects, writing and skills on this site. Answers come from its published pages and link to their sources.',
    )

    // Watch the answer while it is still in progress: first the typing state, then words on screen.
    await page.evaluate(() => {
      const root = document.querySelector('askfolio-chat')!.shadowRoot!
      const seen = { textWhileBusy: false, typing: false }
      ;(window as unknown as { seen: typeof seen }).seen = seen
      new MutationObserver(() => {
        const answer = root.querySelector('article.a[aria-busy=true]')
        if (answer?.querySelector('.typing')) seen.typing = true
        if (answer?.querySelector('.text')?.textContent) seen.textWhileBusy = true
      }).observe(root, { attributes: true, childList: true, subtree: true })
    })
    const streamed = page.waitForResponse((res) => res.url() === `${app.base}/api/chat`)
    const answer = await ask(page, post.question)
    const chat = await streamed
    expect(chat.request().headers().accept).toBe('text/event-stream')
    expect(chat.headers()['content-type']).toBe('text/event-stream; charset=utf-8')
    expect((await chat.text()).match(/^event: token$/gm)?.length).toBeGreaterThan(1)
    const seen = await page.evaluate(
      () => (window as unknown as { seen: { textWhileBusy: boolean; typing: boolean } }).seen,
    )
    expect(seen).toEqual({ textWhileBusy: true, typing: true })

    expect(await answer.locator('.text').innerText()).toContain('forty-two herons')
    const citation = answer.locator('a.cite').first()
    expect(await citation.getAttribute('href')).toBe(`${app.base}/blog/${post.slug}`)
    expect(await citation.getAttribute('aria-label')).toBe(`Source 1: ${post.title}`)
    expect(await answer.getByRole('list', { name: 'Sources' }).innerText()).toContain(post.title)
    expect(await input.evaluate((el) => el === document.activeElement?.shadowRoot?.activeElement)).toBe(true)
    await page.screenshot({ path: path.join(screenshots, 'widget-answer.png') })

    await citation.click()
    await page.waitForURL(`${app.base}/blog/${post.slug}`)
    expect(await page.locator('h1').innerText()).toBe(post.title)
    expect(await page.locator('main').innerText()).toContain(post.sentence)

    // The conversation came along to the new page.
    await launcher.click()
    expect(await answers.count()).toBe(1)
    expect(await answers.first().innerText()).toContain('forty-two herons')
  })

  it('a question in the visitor\'s own words gets "not sure" and the closest pages as links, not an answer', async () => {
    const page = await newPage()
    await page.goto(`${app.base}/`)
    await widget(page).launcher.click()
    // The site says "bookkeeping" and "ledger", never "accounting".
    const answer = await ask(page, 'Have you worked on accounting software?')
    expect(await answer.locator('.text').innerText()).toMatch(
      /^I'm not sure this portfolio answers that\. These pages come closest: Ledgerline \[1\]/,
    )
    const offered = answer.getByRole('list', { name: 'Pages that may help' })
    expect(await offered.innerText()).toContain('Ledgerline')
    expect(await answer.getByRole('list', { name: 'Sources' }).count()).toBe(0)
    expect(await answer.locator('a.cite').first().getAttribute('href')).toBe(`${app.base}/projects/ledgerline`)
  })

  it('shows the widget in the dark when the visitor prefers it', async () => {
    const page = await newPage({ colorScheme: 'dark' })
    await page.goto(`${app.base}/`)
    const { launcher, panel } = widget(page)
    await launcher.click()
    const answer = await ask(page, 'What is Tidewater built with?')
    const background = await panel.evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(background).toBe('rgb(22, 25, 29)')
    // Citation links stay readable on the dark surface: a light tint of the accent, not the accent.
    const [r, g, b] = await answer
      .locator('a.cite')
      .first()
      .evaluate((el) => {
        // Painted to a pixel, whatever notation the computed colour uses.
        const context = document.createElement('canvas').getContext('2d')!
        context.fillStyle = getComputedStyle(el).color
        context.fillRect(0, 0, 1, 1)
        return [...context.getImageData(0, 0, 1, 1).data]
      })
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeGreaterThan(150)
    await page.screenshot({ path: path.join(screenshots, 'widget-dark.png') })
  })

  it('works on another site whose origin is allowed, with the host page styles kept apart', async () => {
    const page = await newPage()
    await page.goto(allowedHost.url)
    const { host, launcher } = widget(page)
    await launcher.click()
    // No data-intro on this host page: the widget's own, which names no kind of site.
    expect(await host.locator('p.intro').innerText()).toBe(
      'Ask about this site. Answers come from its published pages and link to their sources.',
    )
    const answer = await ask(page, post.question)
    expect(await answer.innerText()).toContain('forty-two herons')
    expect(await answer.locator('.error').count()).toBe(0)
    // Links back to the app open in a new tab, away from the host page.
    expect(await answer.locator('a.cite').first().getAttribute('target')).toBe('_blank')
    // The host's red button style stops at the shadow root; data-accent themes the launcher.
    expect(await launcher.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)')
    expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 118, 110)')
    expect(await page.locator('#host-button').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 0, 0)')
    expect(await host.evaluate((el) => el.shadowRoot?.querySelector('h2')?.textContent)).toBe("Ask Maya's portfolio")
    await page.screenshot({ path: path.join(screenshots, 'widget-embedded.png') })
  })

  it('on a site whose origin is not allowed, says plainly that the chat is not available', async () => {
    const page = await newPage()
    await page.goto(refusedHost.url)
    await widget(page).launcher.click()
    const answer = await ask(page, post.question)
    expect(await answer.locator('.error').innerText()).toBe('The chat is not available on this site.')
    await expect
      .poll(() => widget(page).host.getByRole('status').textContent())
      .toBe('The chat is not available on this site.')
    expect(await answer.locator('.text').count()).toBe(0)
    // The question stays in the box to send again later.
    expect(await widget(page).input.inputValue()).toBe(post.question)
  })

  it('can be used by keyboard alone, and a thumbs-down reaches the insights view', async () => {
    const page = await newPage()
    await page.goto(`${app.base}/`)
    const { input, panel } = widget(page)
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement
        const inner = host?.shadowRoot?.activeElement
        return inner
          ? `widget:${inner.getAttribute('aria-label') ?? inner.className ?? inner.tagName}`
          : (host?.tagName ?? '')
      })
    // Tab through the page until the launcher has focus: it is reachable, and Enter opens the panel.
    for (let presses = 0; presses < 60 && (await focused()) !== 'widget:launcher'; presses++)
      await page.keyboard.press('Tab')
    expect(await focused()).toBe('widget:launcher')
    await page.keyboard.press('Enter')
    expect(await isHidden(panel)).toBe(false)
    expect(await input.evaluate((el) => el === document.activeElement?.shadowRoot?.activeElement)).toBe(true)

    const question = 'Which search engine did Maya move away from?'
    await page.keyboard.type(question)
    await page.keyboard.press('Enter')
    const answer = widget(page).answers.last()
    await expect.poll(() => answer.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false')
    await expect.poll(() => widget(page).send.innerText()).toBe('Send')
    const text = await answer.locator('.text').textContent()
    expect(text).toMatch(/\[1\]/)
    // The screen reader hears the finished answer once, from the status line.
    await expect.poll(() => panel.getByRole('status').textContent()).toBe(`Answer: ${text}`)

    // Back from the question box, the last control in the conversation is the thumbs-down.
    await page.keyboard.press('Shift+Tab')
    expect(await focused()).toBe('widget:Not helpful')
    await page.keyboard.press('Enter')
    const down = answer.getByRole('button', { name: 'Not helpful' })
    await expect.poll(() => down.getAttribute('aria-pressed')).toBe('true')
    expect(await focused()).toBe('widget:Not helpful')
    await expect.poll(() => panel.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Thanks for the feedback.')
    expect(await answer.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-disabled')).toBe(
      'true',
    )

    await page.keyboard.press('Escape')
    expect(await isHidden(panel)).toBe(true)
    expect(await focused()).toBe('widget:launcher')

    const editor = await newPage()
    await signIn(editor)
    await editor.goto(`${app.base}/admin/chat-insights`)
    const negative = editor.getByTestId('insights-negative')
    await expect.poll(() => negative.innerText()).toContain(question)
    await editor.screenshot({ fullPage: true, path: path.join(screenshots, 'chat-insights.png') })
  })

  it('explains the rate limit in plain words, and a new conversation carries on', async () => {
    const page = await newPage()
    await page.goto(`${app.base}/`)
    await widget(page).launcher.click()
    // The first question opens the session; the limit counts the ones asked in it after that.
    for (let asked = 0; asked <= perSessionLimit; asked++) {
      const answer = await ask(page, `What is Tidewater built with? (${asked + 1})`)
      expect(await answer.locator('.error').count()).toBe(0)
    }
    const limited = await ask(page, 'And what else?')
    expect(await limited.locator('.error').innerText()).toMatch(
      /^You're asking faster than the chat can answer\. Please wait \d+ seconds and try again\.$/,
    )

    await widget(page).host.getByRole('button', { name: 'Start a new conversation' }).click()
    expect(await widget(page).answers.count()).toBe(0)
    const request = page.waitForRequest((req) => req.url() === `${app.base}/api/chat` && req.method() === 'POST')
    const fresh = await ask(page, 'Where is Maya based?')
    expect((await request).postDataJSON()).toEqual({ message: 'Where is Maya based?' })
    expect(await fresh.locator('.error').count()).toBe(0)
  })

  it('lets the visitor stop an answer half-way, and the conversation goes on', async () => {
    // Through a slow link (one event every 150 ms), so the answer is still arriving when Stop is pressed.
    const proxy = await startSlowProxy(new URL(app.base), 150)
    try {
      const page = await newPage()
      await page.goto(allowedHost.url)
      await page.evaluate((api) => {
        const element = document.createElement('askfolio-chat')
        element.dataset.api = api
        document.querySelector('askfolio-chat')?.remove()
        document.body.append(element)
      }, proxy.origin)
      const { answers, input, launcher, send } = widget(page)
      await launcher.click()
      await input.fill(post.question)
      await input.press('Enter')
      const answer = answers.last()
      await expect.poll(() => answer.locator('.text').count(), { timeout: 30_000 }).toBe(1)
      expect(await send.innerText()).toBe('Stop')
      await send.click()
      await expect.poll(() => send.innerText()).toBe('Send')
      expect(await answer.getAttribute('aria-busy')).toBe('false')
      expect(await answer.locator('.note').innerText()).toBe('Stopped.')
      expect(await answer.getByRole('group', { name: 'Was this answer helpful?' }).count()).toBe(0)
      await expect.poll(() => widget(page).host.getByRole('status').textContent()).toBe('Answer stopped.')

      const request = page.waitForRequest((req) => req.url() === `${proxy.origin}/api/chat` && req.method() === 'POST')
      const next = await ask(page, 'Where is Maya based?')
      // The stopped answer's session id came with its sources, so the next question stays in it.
      expect((await request).postDataJSON()).toMatchObject({ sessionId: expect.stringMatching(/^[\w-]{22}$/) })
      expect(await next.locator('.error').count()).toBe(0)
    } finally {
      await proxy.close()
    }
  })

  it('renders a project and a skill page from published content, without private notes', async () => {
    const page = await newPage()
    const project = await page.goto(`${app.base}/projects/tidewater`)
    expect(project?.status()).toBe(200)
    expect(await page.locator('h1').innerText()).toBe('Tidewater')
    const text = await page.locator('body').innerText()
    expect(text).not.toContain('SALT MARSH')
    await page.screenshot({ fullPage: true, path: path.join(screenshots, 'project.png') })
    await page.getByRole('link', { name: 'PostgreSQL' }).first().click()
    await page.waitForURL(`${app.base}/skills/postgresql`)
    expect(await page.locator('h1').innerText()).toBe('PostgreSQL')
    expect(await page.locator('main').getByRole('link', { name: 'Tidewater' }).count()).toBeGreaterThan(0)
    await page.screenshot({ fullPage: true, path: path.join(screenshots, 'skill.png') })
  })

  it('lists the documents, serves a published PDF at its address, and cites the CV by page in the widget', async () => {
    const page = await newPage()
    expect((await page.goto(`${app.base}/documents`))?.status()).toBe(200)
    await page.getByRole('link', { name: 'Fieldnotes field trial' }).click()
    await page.waitForURL(`${app.base}/documents/fieldnotes-field-trial`)
    expect(await page.locator('h1').innerText()).toBe('Fieldnotes field trial')
    expect(await page.getByRole('link', { name: 'Automated testing' }).count()).toBeGreaterThan(0)
    await page.screenshot({ fullPage: true, path: path.join(screenshots, 'document.png') })
    const download = page.getByRole('link', { name: /^Download \(PDF, \d+ KB\)$/ })
    expect(await download.getAttribute('href')).toBe('/documents/fieldnotes-field-trial.pdf')
    // Through the production server's rewrite to the file route: the PDF itself, and 404 for another extension.
    const file = await page.request.get(`${app.base}/documents/fieldnotes-field-trial.pdf`)
    expect(file.status()).toBe(200)
    expect(file.headers()['content-type']).toBe('application/pdf')
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-')
    expect((await page.request.get(`${app.base}/documents/fieldnotes-field-trial.docx`)).status()).toBe(404)
    // The project it belongs to lists it.
    await page.goto(`${app.base}/projects/fieldnotes`)
    expect(
      await page
        .getByRole('region', { name: 'Documents' })
        .getByRole('link', { name: 'Fieldnotes field trial' })
        .count(),
    ).toBe(1)

    await page.goto(`${app.base}/`)
    expect(await page.getByRole('link', { name: /^Download \(PDF/ }).getAttribute('href')).toBe('/documents/cv.pdf')
    await widget(page).launcher.click()
    const answer = await ask(page, 'What did she do at her last job?')
    const citation = answer.locator('a.cite').first()
    expect(await citation.getAttribute('href')).toBe(`${app.base}/documents/cv.pdf#page=2`)
    expect(await citation.getAttribute('aria-label')).toBe('Source 1: CV, page 2')
    expect(await answer.getByRole('list', { name: 'Sources' }).innerText()).toContain('CV, page 2')
    // The production build read the PDFs in a worker thread (its program survives the bundler), not in its own thread.
    expect(app.output()).not.toContain('Reading PDFs in this thread')
  })

  it('shows a draft only to a signed-in editor, through the preview', async () => {
    const draft = {
      path: '/blog/notes-for-a-talk-i-have-not-announced',
      title: 'Notes for a talk I have not announced',
    }
    const preview = `/preview?collection=blog-posts&slug=${draft.path.split('/').at(-1)}&path=${encodeURIComponent(draft.path)}`
    const visitor = await newPage()
    expect((await visitor.goto(`${app.base}${draft.path}`))?.status()).toBe(404)
    const refused = await visitor.goto(`${app.base}${preview}`)
    expect(refused?.status()).toBe(401)
    expect((await visitor.goto(`${app.base}${draft.path}`))?.status()).toBe(404)

    const editor = await newPage()
    await signIn(editor)
    await editor.goto(`${app.base}${preview}`)
    await editor.waitForURL(`${app.base}${draft.path}`)
    expect(await editor.locator('h1').innerText()).toBe(draft.title)
    expect(await editor.getByRole('note').innerText()).toBe('Preview: this is a draft. Visitors do not see it.')
    await editor.getByRole('link', { name: 'Exit preview' }).click()
    await expect.poll(async () => (await editor.goto(`${app.base}${draft.path}`))?.status()).toBe(404)
  })

  it('says the chat cannot be reached when its server is down', async () => {
    const page = await newPage()
    const nowhere = `http://127.0.0.1:${await freePort()}`
    await page.goto(allowedHost.url)
    // The same widget, pointed at an address where nothing listens.
    await page.evaluate((api) => {
      const element = document.createElement('askfolio-chat')
      element.dataset.api = api
      element.id = 'offline'
      document.querySelector('askfolio-chat')?.remove()
      document.body.append(element)
    }, nowhere)
    await widget(page).launcher.click()
    const answer = await ask(page, 'Is anyone there?')
    expect(await answer.locator('.error').innerText()).toBe(
      'The chat could not be reached. Check your connection and try again.',
    )
  })
})
