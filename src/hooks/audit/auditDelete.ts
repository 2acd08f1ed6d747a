import type { CollectionAfterDeleteHook } from 'payload'

import { writeAuditEntry } from './writeAuditEntry'

/** Records a permanent delete (moving to the trash is an update, recorded by auditChange). */
export const auditDelete: CollectionAfterDeleteHook = async ({ collection, id, req }) => {
  await writeAuditEntry(req, { action: 'delete', documentId: id, entity: collection.slug, entityType: 'collection' })
}
