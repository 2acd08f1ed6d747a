import type { Access, PayloadRequest } from 'payload'

/**
 * Insights aggregate every message, so they need read access to all of them: the plugin's
 * `access.read` must answer `true` (a query, which would allow only some messages, is not enough).
 */
export async function canReadInsights(read: Access, req: PayloadRequest): Promise<boolean> {
  return (await read({ req })) === true
}
