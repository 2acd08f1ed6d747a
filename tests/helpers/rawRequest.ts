import http from 'node:http'

export type RawResponse = { body: any; headers: http.IncomingHttpHeaders; status: number }

/**
 * A request through node:http, for what fetch will not send: a forged Host header, or a body in
 * chunks without Content-Length (`pieces` are written one by one; `length` sets Content-Length), or
 * one from another client address (`localAddress`, such as 127.0.0.2: all of 127/8 is loopback).
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  {
    headers = {},
    length,
    localAddress,
    method = 'POST',
    pieces = [],
  }: {
    headers?: Record<string, string>
    length?: number
    localAddress?: string
    method?: string
    pieces?: (Buffer | string)[]
  } = {},
): Promise<RawResponse> {
  const url = new URL(path, baseUrl)
  const outgoing: Record<string, number | string> = { ...headers }
  if (length !== undefined) outgoing['Content-Length'] = length
  return new Promise((resolve, reject) => {
    const req = http.request(
      { headers: outgoing, host: url.hostname, localAddress, method, path: url.pathname + url.search, port: url.port },
      (res) => {
        let text = ''
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => {
          let body: unknown = text
          try {
            body = text ? JSON.parse(text) : null
          } catch {
            // not JSON; keep the text
          }
          resolve({ body, headers: res.headers, status: res.statusCode! })
        })
      },
    )
    req.on('error', reject)
    for (const piece of pieces) req.write(piece)
    req.end()
  })
}
