/**
 * The visitor's side, measured in Debian's Chromium against the production server:
 *
 *   npm run bench:site [-- --loads 20]
 *
 *   - the widget's weight: /widget.js as sent, and gzipped (what a CDN or proxy would send)
 *   - the home page and a blog post: time to first byte and Largest Contentful Paint, over N loads
 *     each in a fresh browser context (empty cache), after a few warm-up loads
 *   - the widget: time from clicking the launcher to the panel's input having focus, and from
 *     sending a question to the first words of the answer on screen
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import { launchChromium } from '../tests/e2e/helpers/chromium'
import { log, numberOption, percentile } from './common'
import { ensureBuild, firstResponse, startServer, stopServer } from './productionServer'

const loads = numberOption('loads', 20)

type PageTimings = { lcp: number; ttfb: number }

/** TTFB from Navigation Timing and LCP from its buffered entries, read once the page has settled. */
const readTimings = () =>
  new Promise<PageTimings>((resolve) => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    let lcp = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime)
    }).observe({ buffered: true, type: 'largest-contentful-paint' })
    setTimeout(() => resolve({ lcp, ttfb: navigation.responseStart - navigation.startTime }), 300)
  })

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms`
}

async function main() {
  ensureBuild()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-bench-site-'))
  const server = await startServer(dataDir, { CHAT_RATE_LIMIT_PER_IP: '1000', CHAT_RATE_LIMIT_PER_SESSION: '1000' })
  const browser = await launchChromium()
  try {
    await firstResponse(server, '/')
    const base = `http://localhost:${server.port}`
    // Wait for the job runner to index the seed, so the chat has something to answer from.
    for (let ready = false; !ready; await new Promise((resolve) => setTimeout(resolve, 500))) {
      ready =
        ((await (await fetch(`${base}/api/search?q=tidewater`)).json()) as { results: unknown[] }).results.length > 0
    }

    const plain = await fetch(`${base}/widget.js`, { headers: { 'Accept-Encoding': 'identity' } })
    const script = Buffer.from(await plain.arrayBuffer())
    const compressed = await fetch(`${base}/widget.js`, { headers: { 'Accept-Encoding': 'gzip' } })
    log(
      `widget.js: ${(script.length / 1024).toFixed(1)} KB as served, ${(gzipSync(script, { level: 9 }).length / 1024).toFixed(1)} KB gzipped (server sends content-encoding: ${compressed.headers.get('content-encoding') ?? 'none'})`,
    )

    const { docs } = (await (await fetch(`${base}/api/blog-posts?limit=1&depth=0`)).json()) as {
      docs: { slug: string }[]
    }
    for (const target of ['/', `/blog/${docs[0].slug}`]) {
      const timings: PageTimings[] = []
      for (let i = 0; i < loads + 3; i++) {
        const context = await browser.newContext({ viewport: { height: 900, width: 1280 } })
        const page = await context.newPage()
        await page.goto(`${base}${target}`, { waitUntil: 'load' })
        const measured = await page.evaluate(readTimings)
        if (i >= 3) timings.push(measured)
        await context.close()
      }
      log(
        `${target}: TTFB ${summary(timings.map((t) => t.ttfb))}; LCP ${summary(timings.map((t) => t.lcp))} (${loads} loads, empty cache)`,
      )
    }

    const opens: number[] = []
    const firstWords: number[] = []
    for (let i = 0; i < Math.min(loads, 10); i++) {
      const context = await browser.newContext({ viewport: { height: 900, width: 1280 } })
      const page = await context.newPage()
      await page.goto(`${base}/`, { waitUntil: 'load' })
      const widget = page.locator('askfolio-chat')
      await widget.locator('button.launcher').waitFor()
      opens.push(
        await page.evaluate(async () => {
          const root = document.querySelector('askfolio-chat')!.shadowRoot!
          const t0 = performance.now()
          ;(root.querySelector('button.launcher') as HTMLButtonElement).click()
          while (root.activeElement?.tagName !== 'TEXTAREA')
            await new Promise((resolve) => requestAnimationFrame(resolve))
          return performance.now() - t0
        }),
      )
      firstWords.push(
        await page.evaluate(async () => {
          const root = document.querySelector('askfolio-chat')!.shadowRoot!
          const input = root.querySelector('textarea')!
          input.value = 'What is Tidewater built with?'
          const t0 = performance.now()
          ;(root.querySelector('form') as HTMLFormElement).requestSubmit()
          while (!root.querySelector('article.a .text')) await new Promise((resolve) => requestAnimationFrame(resolve))
          return performance.now() - t0
        }),
      )
      await context.close()
      log(`  widget round ${i + 1}`)
    }
    log(`widget: open to focused input ${summary(opens)}; question to first words on screen ${summary(firstWords)}`)
  } finally {
    await browser.close()
    await stopServer(server)
    fs.rmSync(dataDir, { force: true, recursive: true })
  }
}

await main()
