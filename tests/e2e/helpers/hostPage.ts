import type { AddressInfo } from 'node:net'

import { createServer, type Server } from 'node:http'

export type HostPage = { close: () => Promise<void>; origin: string; url: string }

/**
 * A plain HTML page on its own origin (127.0.0.1 and a port of its own) that embeds the widget the
 * way the README tells site owners to: one script tag pointing at the app.
 */
export async function serveHostPage(widgetOrigin: string, apiOrigin = widgetOrigin): Promise<HostPage> {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A partner site</title>
<style>body{font:16px/1.5 Georgia,serif;margin:3rem auto;max-width:40rem;color:#333}button{font:inherit;color:red}</style></head>
<body>
<h1>A partner site</h1>
<p>This page belongs to someone else. Its own styles must not reach the chat, and the chat's must not reach it.</p>
<button type="button" id="host-button">The host's own button</button>
<script src="${widgetOrigin}/widget.js" data-api="${apiOrigin}" data-title="Ask Maya's portfolio" data-accent="#0f766e" defer></script>
</body>
</html>`
  const server: Server = createServer((req, res) => {
    if (req.url !== '/' && req.url !== '/index.html') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { close: () => new Promise((resolve) => server.close(() => resolve())), origin, url: `${origin}/` }
}
