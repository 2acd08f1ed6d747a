import type { CollectionBeforeOperationHook } from 'payload'

import { markDraftSave } from './publicationState'

/**
 * Payload's hooks after this point cannot tell a draft save from an unpublish (both carry
 * `_status: 'draft'`), so remember here, where the operation's own `draft` argument is visible.
 * Restoring a version with `draft` likewise only writes a new draft version.
 */
export const trackDraftSave: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  // A create writes the main row whatever its status; it must not inherit the flag of an earlier
  // draft save in the same request (one GraphQL request can hold several mutations).
  if (operation === 'create') return markDraftSave(req, collection.slug, false)
  if (operation !== 'update' && operation !== 'restoreVersion') return
  const { data, draft } = args as { data?: { _status?: string }; draft?: boolean }
  markDraftSave(req, collection.slug, Boolean(draft) && data?._status !== 'published')
}
