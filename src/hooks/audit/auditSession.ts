import type { CollectionAfterLoginHook, CollectionAfterLogoutHook } from 'payload'

import { writeAuditEntry } from './writeAuditEntry'

export const auditLogin: CollectionAfterLoginHook = async ({ collection, req, user }) => {
  await writeAuditEntry(req, {
    action: 'login',
    documentId: user.id,
    entity: collection.slug,
    entityType: 'collection',
    userId: user.id,
  })
}

export const auditLogout: CollectionAfterLogoutHook = async ({ collection, req }) => {
  await writeAuditEntry(req, {
    action: 'logout',
    documentId: req.user?.id ?? null,
    entity: collection.slug,
    entityType: 'collection',
  })
}
