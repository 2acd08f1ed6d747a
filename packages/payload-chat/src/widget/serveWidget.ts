import type { Endpoint } from 'payload'

import type { WidgetParts } from './widgetTypes'

import { createHash } from 'node:crypto'

import { askfolioWidget } from './askfolioWidget'
import { createDom } from './createDom'
import { describeFailures } from './describeFailures'
import { readEventStream } from './readEventStream'
import { savedConversation } from './savedConversation'
import { widgetStyles } from './widgetStyles'

let cached: null | { body: string; etag: string } = null

/**
 * The widget as one classic script: the compiled source of `askfolioWidget`, called with its styles
 * and the compiled sources of its parts.
 * Built once per process from the code that is running, so it never drifts from the server's API.
 */
export function widgetScript(): { body: string; etag: string } {
  if (!cached) {
    // Each part as its own source text, in an object literal the widget receives (see WidgetParts).
    const parts = `{${Object.entries({
      createDom,
      describeFailures,
      readEventStream,
      savedConversation,
    } satisfies WidgetParts)
      .map(([name, part]) => `${name}: ${part.toString()}`)
      .join(', ')}}`
    // A guard for compilers that wrap functions in a name-keeping helper (esbuild's keepNames).
    const body = `/*! askfolio chat widget */\n(function(){var __name=function(f){return f};(${askfolioWidget.toString()})(${JSON.stringify(widgetStyles.replace(/\n/g, ''))}, ${parts})})();\n`
    cached = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }
  }
  return cached
}

/**
 * `GET /api/chat/widget.js`: the embeddable widget (the app also serves it as `/widget.js`). Any site
 * may load the script; whether it may then ask questions is the chat's CORS decision.
 */
export const widgetEndpoint = (): Endpoint => ({
  handler: (req) => {
    const { body, etag } = widgetScript()
    const headers = {
      'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      ETag: etag,
    }
    if (req.headers.get('if-none-match') === etag) return new Response(null, { headers, status: 304 })
    return new Response(body, { headers })
  },
  method: 'get',
  path: '/chat/widget.js',
})
