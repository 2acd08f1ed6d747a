/**
 * The widget's DOM building: elements from tag, attributes and children (text always as text nodes),
 * links only to http(s) addresses, and its two icons. Runs in the browser as part of the widget
 * (see serveWidget.ts), so it must stay self-contained.
 */
export function createDom() {
  const h = (name: string, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement => {
    const node = document.createElement(name)
    for (const key of Object.keys(props)) node.setAttribute(key, props[key])
    node.append(...children)
    return node
  }
  const safeUrl = (value: string, base: string): null | string => {
    try {
      const url = new URL(value, base)
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
    } catch {
      return null
    }
  }
  /** A link to `url` (resolved against `base`); a plain span when it is not http(s). Other sites open in a new tab. */
  const linkTo = (url: string, base: string, props: Record<string, string>, ...children: (Node | string)[]) => {
    const href = safeUrl(url, base)
    if (!href) return h('span', {}, ...children)
    const external = new URL(href).origin !== location.origin
    return h('a', { href, ...props, ...(external ? { rel: 'noopener', target: '_blank' } : {}) }, ...children)
  }
  const icons = {
    chat: '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>',
    // Drawn, not emoji: many systems (and headless browsers) lack an emoji font.
    thumb:
      '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" aria-hidden="true"><path d="M7 10v11H3V10h4zm0 0 4-8a3 3 0 0 1 3 3v4h5.6a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.2 21H7"/></svg>',
  }
  return { h, icons, linkTo }
}
