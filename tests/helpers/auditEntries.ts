import type { Payload } from 'payload'

import type { AuditLog } from '../../payload-types'

/** The audit log's entries about one entity (and, when given, one of its documents), oldest first. */
export async function auditEntries(
  payload: Payload,
  entity: string,
  documentId?: number | string,
): Promise<AuditLog[]> {
  const { docs } = await payload.find({
    collection: 'audit-logs',
    depth: 0,
    limit: 100,
    overrideAccess: true,
    sort: 'id',
    where: {
      entity: { equals: entity },
      ...(documentId === undefined ? {} : { documentId: { equals: String(documentId) } }),
    },
  })
  return docs
}
