import type { ApiResponse } from './client'

import http from 'node:http'

/**
 * A JSON client whose requests leave from `localAddress` (any 127.x.y.z address works on Linux), so a
 * test can be several visitors: the app takes the client address from the socket, as in production.
 */
export function apiClientFrom(baseUrl: string, localAddress: string) {
  const request = <T = any>(
    method: string,
    path: string,
    { body, headers = {} }: { body?: object; headers?: Record<string, string> } = {},
  ) =>
    new Promise<ApiResponse<T>>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
      const req = http.request(`${baseUrl}${path}`, {
        headers: {
          ...(payload ? { 'content-length': String(payload.length), 'content-type': 'application/json' } : {}),
          ...headers,
        },
        localAddress,
        method,
      })
      req.on('error', reject)
      req.on('response', async (res) => {
        const chunks: Buffer[] = []
        for await (const chunk of res) chunks.push(chunk as Buffer)
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown = text
        try {
          parsed = text ? JSON.parse(text) : null
        } catch {
          // not JSON; keep the text
        }
        const responseHeaders = new Headers()
        for (const [name, value] of Object.entries(res.headers))
          if (value !== undefined) responseHeaders.set(name, String(value))
        resolve({ body: parsed as T, headers: responseHeaders, status: res.statusCode ?? 0 })
      })
      req.end(payload)
    })
  return {
    delete: <T = any>(path: string, headers?: Record<string, string>) => request<T>('DELETE', path, { headers }),
    get: <T = any>(path: string, headers?: Record<string, string>) => request<T>('GET', path, { headers }),
    post: <T = any>(path: string, body: object, headers?: Record<string, string>) =>
      request<T>('POST', path, { body, headers }),
    request,
  }
}
