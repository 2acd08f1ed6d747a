import type { Access, Where } from 'payload'

import type { Resource } from './resources'

import { anyOf } from './combineAccess'
import { hasPermission, type OwnershipOptions } from './hasPermission'

export const publishedAndNotTrashed: Where = {
  and: [{ _status: { equals: 'published' } }, { deletedAt: { exists: false } }],
}

/**
 * Read access for content with drafts and trash: anyone sees published documents that are not in the
 * trash; a `read` grant adds every document (or, with scope `own`, the user's own).
 */
export const publishedOrPermitted =
  (resource: Resource, options: OwnershipOptions = {}): Access =>
  async (args) =>
    anyOf(publishedAndNotTrashed, await hasPermission(resource, 'read', options)(args))
