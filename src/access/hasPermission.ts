import type { Access, FieldAccess, Where } from 'payload'

import type { Action, Resource } from './resources'

import { getScope } from './getPermissions'

export type OwnershipOptions = {
  /** The field holding the owning user; grants with scope `own` become a query on it. */
  ownedBy?: string
}

/**
 * Collection access from the user's roles: `true` for a grant on every document, a query on the owner
 * field for a grant on the user's own documents, `false` otherwise.
 */
export const hasPermission =
  (resource: Resource, action: Action, { ownedBy }: OwnershipOptions = {}): Access =>
  async ({ req }) => {
    const scope = await getScope(req, resource, action)
    if (scope === 'all') return true
    if (scope === 'own' && ownedBy && req.user) return { [ownedBy]: { equals: req.user.id } } satisfies Where
    return false
  }

/** Field access needs a plain answer: only a grant on every document counts. */
export const fieldHasPermission =
  (resource: Resource, action: Action): FieldAccess =>
  async ({ req }) =>
    (await getScope(req, resource, action)) === 'all'
