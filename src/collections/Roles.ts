import type { CollectionConfig } from 'payload'

import { hasPermission } from '../access/hasPermission'
import { ownRolesOrPermitted } from '../access/ownRolesOrPermitted'
import { actions, resources, scopes } from '../access/resources'

export const Roles: CollectionConfig = {
  slug: 'roles',
  admin: {
    defaultColumns: ['name', 'description'],
    group: 'Administration',
    useAsTitle: 'name',
  },
  access: {
    create: hasPermission('roles', 'create'),
    delete: hasPermission('roles', 'delete'),
    read: ownRolesOrPermitted,
    update: hasPermission('roles', 'update'),
  },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true },
    { name: 'description', type: 'textarea' },
    {
      name: 'permissions',
      type: 'array',
      admin: { description: 'Which actions holders of this role may take, on which collection or global.' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'resource',
              type: 'select',
              options: resources.map((value) => ({ label: value, value })),
              required: true,
            },
            {
              name: 'actions',
              type: 'select',
              hasMany: true,
              options: actions.map((value) => ({ label: value, value })),
              required: true,
            },
            {
              name: 'scope',
              type: 'select',
              admin: { description: '"own": only documents the user owns or wrote.' },
              defaultValue: 'all',
              options: scopes.map((value) => ({ label: value, value })),
              required: true,
            },
          ],
        },
      ],
    },
  ],
}
