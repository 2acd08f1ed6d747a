import type { CollectionConfig } from 'payload'

import { hasPermission } from '../access/hasPermission'
import { nobody } from '../access/nobody'
import { auditActions } from '../hooks/audit/writeAuditEntry'

/**
 * Append-only: no API can create, change or delete entries (admins included); the shared audit hooks
 * write them with overrideAccess inside each change's transaction, and a database trigger (see the
 * migrations) refuses UPDATE and DELETE on the table itself.
 */
export const AuditLogs: CollectionConfig = {
  slug: 'audit-logs',
  admin: {
    defaultColumns: ['createdAt', 'action', 'entity', 'documentId', 'user'],
    description: 'Every change, sign-in and sign-out, oldest entries kept. Read-only.',
    group: 'Administration',
  },
  access: {
    create: nobody,
    delete: nobody,
    read: hasPermission('audit-logs', 'read'),
    update: nobody,
  },
  defaultSort: '-createdAt',
  disableDuplicate: true,
  fields: [
    {
      name: 'action',
      type: 'select',
      index: true,
      options: auditActions.map((value) => ({ label: value, value })),
      required: true,
    },
    {
      name: 'entityType',
      type: 'select',
      options: [
        { label: 'collection', value: 'collection' },
        { label: 'global', value: 'global' },
      ],
      required: true,
    },
    { name: 'entity', type: 'text', admin: { description: 'Collection or global slug.' }, index: true, required: true },
    { name: 'documentId', type: 'text', index: true },
    { name: 'user', type: 'relationship', relationTo: 'users', index: true },
    {
      name: 'changedFields',
      type: 'json',
      admin: { description: 'Names of the fields that changed. Values are never stored.' },
    },
    { name: 'ip', type: 'text' },
    { name: 'userAgent', type: 'text' },
  ],
  timestamps: true,
}
