import type { RelationshipField } from 'payload'

import type { Resource } from '../access/resources'

import { getScope } from '../access/getPermissions'
import { fieldHasPermission } from '../access/hasPermission'

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
      async ({ operation, req, value }) => {
        if (operation !== 'create' || !req.user || req.user.collection !== 'users') return value
        const mayAssign = (await getScope(req, resource, 'create')) === 'all'
        return mayAssign && value ? value : req.user.id
      },
    ],
  },
  index: true,
})
