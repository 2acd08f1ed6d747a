import type { PayloadRequest } from 'payload'

import vm from 'node:vm'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

import { widgetEndpoint, widgetScript } from '../../packages/payload-chat/src/widget/serveWidget'

const request = (headers: Record<string, string> = {}) =>
  ({ headers: new Headers(headers) }) as unknown as PayloadRequest

describe('the widget script', () => {
  it('is one self-contained classic script that defines <askfolio-chat>', () => {
    const { body } = widgetScript()
    // Parses as a script (a stray import or module syntax would throw here).
    expect(() => new Function(body)).not.toThrow()
    expect(body).toContain('customElements.define(tag, AskfolioChat)')
    expect(body).not.toMatch(/\bimport\s*[({'"]|\brequire\(/)
  })

  it('runs on its own: nothing it needs comes from the module it was written in', () => {
    const defined: string[] = []
    const mounted: string[] = []
    class HTMLElement {}
    const sandbox = {
      customElements: { define: (name: string) => defined.push(name), get: () => undefined },
      document: {
        body: { append: (element: { tag: string }) => mounted.push(element.tag) },
        createElement: (tag: string) => ({ tag }),
        currentScript: null,
        querySelector: () => null,
      },
      HTMLElement,
      HTMLScriptElement: class extends HTMLElement {},
      location: { href: 'https://host.example/page', origin: 'https://host.example' },
    }
    vm.runInNewContext(widgetScript().body, sandbox)
    expect(defined).toEqual(['askfolio-chat'])
    expect(mounted).toEqual(['askfolio-chat'])
  })

  it('stays within its size budget: 10 KB gzipped, before any minifier', () => {
    const gzipped = gzipSync(widgetScript().body, { level: 9 }).length
    expect(gzipped).toBeLessThan(10 * 1024)
  })

  it('is served as JavaScript that any site may load, and revalidates by ETag', async () => {
    const endpoint = widgetEndpoint()
    const first = await endpoint.handler(request())
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(first.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(await first.text()).toBe(widgetScript().body)
    const etag = first.headers.get('etag')!
    const again = await endpoint.handler(request({ 'if-none-match': etag }))
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const changed = await endpoint.handler(request({ 'if-none-match': '"something-else"' }))
    expect(changed.status).toBe(200)
  })
})
