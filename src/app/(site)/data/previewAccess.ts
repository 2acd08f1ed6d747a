import type { PreviewCollection } from './readOptions'

import { createLocalReq, type Payload, type TypedUser } from 'payload'

export type PreviewDecision = { message: string; ok: false; status: 401 | 403 } | { ok: true; user: TypedUser }

/**
 * Whether the request's user (session cookie, JWT or API key) may preview drafts of `collection`:
 * signed in, and allowed by the collection's `readVersions` access, which the roles grant exactly to
 * those who may read drafts. An `own` grant counts (its answer is a query, not false); the pages then
 * still show only the user's own drafts, because every read keeps the user's access.
 */
export async function authorizePreview(
  payload: Payload,
  headers: Headers,
  collection: PreviewCollection,
): Promise<PreviewDecision> {
  const { user } = await payload.auth({ headers })
  if (!user || user.collection !== 'users') {
    return { message: 'Sign in to the admin panel to preview drafts.', ok: false, status: 401 }
  }
  const readVersions = payload.collections[collection].config.access.readVersions
  const req = await createLocalReq({ user }, payload)
  if (!(await readVersions({ req }))) {
    return { message: 'Your account may not read drafts here.', ok: false, status: 403 }
  }
  return { ok: true, user }
}

const base = 'http://site.invalid'

/**
 * `value` as a path on this site ("/blog/x?y#z"), or null for anything that could leave it: absolute
 * and protocol-relative URLs, backslashes, and paths the URL parser would turn into those.
 */
export function safeRelativePath(value: null | string | undefined): null | string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null
  let url: URL
  try {
    url = new URL(value, base)
  } catch {
    return null
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  return url.origin === base && !path.startsWith('//') ? path : null
}
