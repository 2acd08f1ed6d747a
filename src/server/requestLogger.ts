import type { RequestHandler } from 'express'

export type RequestLoggerOptions = {
  /** 'json' writes one JSON object per line (for log collectors); 'text' is for people. */
  format: 'json' | 'text'
  /** Paths starting with these prefixes are not logged (static assets, hot reload). */
  skip?: string[]
}

/** Logs each request once it has finished: method, path, status, duration and client address. */
export const requestLogger =
  ({ format, skip = [] }: RequestLoggerOptions): RequestHandler =>
  (req, res, next) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const path = req.originalUrl
      if (skip.some((prefix) => path.startsWith(prefix))) return
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (format === 'json') {
        const entry = {
          ip: req.ip,
          method: req.method,
          ms: Math.round(ms * 10) / 10,
          path,
          status: res.statusCode,
          time: new Date().toISOString(),
        }
        process.stdout.write(`${JSON.stringify(entry)}\n`)
      } else {
        process.stdout.write(`[http] ${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms\n`)
      }
    })
    next()
  }
