import type { CollectionAfterChangeHook } from 'payload'

import { getTransition } from '../publicationState'
import { changedFields } from './changedFields'
import { type AuditAction, writeAuditEntry } from './writeAuditEntry'

const trashAction = (
  previous: { deletedAt?: unknown } | undefined,
  doc: { deletedAt?: unknown },
): AuditAction | null => {
  if (!previous?.deletedAt && doc.deletedAt) return 'trash'
  if (previous?.deletedAt && !doc.deletedAt) return 'restore'
  return null
}

/** Records creates, updates, publishing, unpublishing, trashing and restoring of a collection's documents. */
export const auditChange: CollectionAfterChangeHook = async ({
  collection,
  data,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const action: AuditAction =
    operation === 'create'
      ? 'create'
      : (trashAction(previousDoc, doc) ?? getTransition(req, collection.slug, doc.id) ?? 'update')
  await writeAuditEntry(req, {
    action,
    changedFields: changedFields(operation === 'create' ? null : previousDoc, doc, data),
    documentId: doc.id,
    entity: collection.slug,
    entityType: 'collection',
  })
  return doc
}
