import type { Payload } from 'payload'

import type { SourceRef } from '../types'

/**
 * Reads a document exactly as an anonymous visitor would: access control on, no user, published
 * version only, related documents one level deep (so a project's skills have names). Returns null
 * when a visitor cannot see it: a draft, unpublished, trashed, deleted or otherwise forbidden.
 */
export async function readAsVisitor(payload: Payload, ref: SourceRef): Promise<null | Record<string, unknown>> {
  try {
    if (ref.kind === 'global') {
      return (await payload.findGlobal({ slug: ref.slug as never, depth: 1, draft: false, overrideAccess: false })) as Record<string, unknown>
    }
    const doc = await payload.findByID({
      collection: ref.slug as never,
      depth: 1,
      disableErrors: true,
      draft: false,
      id: ref.id,
      overrideAccess: false,
    })
    return (doc as Record<string, unknown> | null) ?? null
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 403 || status === 404) return null
    throw error
  }
}
