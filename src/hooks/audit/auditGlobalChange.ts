import type { GlobalAfterChangeHook } from 'payload'

import { changedFields } from './changedFields'
import { writeAuditEntry } from './writeAuditEntry'

/** Records every save of a global. */
export const auditGlobalChange: GlobalAfterChangeHook = async ({ data, doc, global, previousDoc, req }) => {
  await writeAuditEntry(req, {
    action: 'update',
    changedFields: changedFields(previousDoc, doc, data),
    entity: global.slug,
    entityType: 'global',
  })
  return doc
}
