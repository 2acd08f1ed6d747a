import type { AddressInfo } from 'node:net'

import { createServer, request } from 'node:http'

export type SlowProxy = { close: () => Promise<void>; origin: string }

/**
 * A slow network between the browser and the app: forwards every request to `target` and passes
 * event streams on one event every `delayMs`, so an answer is still arriving when a test presses Stop.
 */
export async function startSlowProxy(target: URL, delayMs: number): Promise<SlowProxy> {
  const server = createServer((req, res) => {
    const upstream = request(
      {
        headers: { ...req.headers, host: target.host },
        hostname: target.hostname,
        method: req.method,
        path: req.url,
        port: target.port,
      },
      async (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers)
        if (!String(response.headers['content-type']).startsWith('text/event-stream')) return void response.pipe(res)
        let buffer = ''
        for await (const chunk of response) {
          buffer += chunk
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0 && !res.destroyed) {
            res.write(buffer.slice(0, end + 2))
            buffer = buffer.slice(end + 2)
            await new Promise((resolve) => setTimeout(resolve, delayMs))
          }
        }
        res.end(buffer)
      },
    )
    upstream.on('error', () => res.destroy())
    res.on('close', () => upstream.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    origin,
  }
}
