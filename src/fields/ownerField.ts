import type { PayloadRequest, RelationshipField } from 'payload'

import type { Resource } from '../access/resources'

import { getScope } from '../access/getPermissions'
import { fieldHasPermission } from '../access/hasPermission'

/**
 * Who a new document will belong to: the signed-in user, unless their create grant covers every
 * document and the save names someone. The publishing guard asks this too, since it runs before the
 * field's own hook.
 */
export async function ownerOnCreate(req: PayloadRequest, resource: Resource, value: unknown): Promise<unknown> {
  if (!req.user || req.user.collection !== 'users') return value
  const mayAssign = (await getScope(req, resource, 'create')) === 'all'
  return mayAssign && value ? value : req.user.id
}

/**
 * The user a document belongs to: set to the signed-in user on create. Only users whose grant covers
 * every document (editors, admins) may hand a document to someone else.
 */
export const ownerField = (name: string, label: string, resource: Resource): RelationshipField => ({
  name,
  type: 'relationship',
  label,
  relationTo: 'users',
  admin: { position: 'sidebar' },
  access: { update: fieldHasPermission(resource, 'update') },
  hooks: {
    beforeChange: [
      async ({ operation, req, value }) => (operation === 'create' ? ownerOnCreate(req, resource, value) : value),
    ],
  },
  index: true,
})
