import type { RequestHandler } from 'express'

/**
 * Passes the client's address to Payload (which only sees headers) as `x-real-ip`. Express works it
 * out from the socket, or from X-Forwarded-For when TRUST_PROXY says which proxies to believe; a
 * client cannot set the header itself.
 */
export const clientAddress: RequestHandler = (req, _res, next) => {
  req.headers['x-real-ip'] = req.ip ?? req.socket.remoteAddress ?? ''
  next()
}

/**
 * TRUST_PROXY as express understands it: unset or "false" trusts no proxy, "true" trusts all,
 * a number trusts that many hops, anything else is a list such as "loopback, 10.0.0.0/8".
 */
export function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false
  if (value === 'true') return true
  return /^\d+$/.test(value) ? Number(value) : value
}
