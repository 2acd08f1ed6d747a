import type { Access } from 'payload'

import type { Resource } from './resources'

import { allOf } from './combineAccess'
import { hasPermission, type OwnershipOptions } from './hasPermission'

/**
 * Create or update access for a collection with drafts: saving needs the `create`/`update` grant, and
 * saving with `_status: 'published'` also needs `publish`. Payload asks this same function with
 * `_status: 'published'` to decide whether the admin shows the Publish button.
 */
export const canSave =
  (resource: Resource, action: 'create' | 'update', options: OwnershipOptions = {}): Access =>
  async (args) => {
    const save = await hasPermission(resource, action, options)(args)
    if (!save || (args.data as { _status?: string } | undefined)?._status !== 'published') return save
    return allOf(save, await hasPermission(resource, 'publish', options)(args))
  }
