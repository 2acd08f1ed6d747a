import type { CollectionConfig, GlobalConfig } from 'payload'

import { auditChange } from './auditChange'
import { auditDelete } from './auditDelete'
import { auditGlobalChange } from './auditGlobalChange'
import { auditLogin, auditLogout } from './auditSession'

/**
 * Appends the audit hooks to each collection (and login/logout to auth collections). They go last,
 * after the collection's own hooks, so an entry records what was finally written.
 */
export const withAuditLog = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    afterChange: [...(collection.hooks?.afterChange ?? []), auditChange],
    afterDelete: [...(collection.hooks?.afterDelete ?? []), auditDelete],
    ...(collection.auth
      ? {
          afterLogin: [...(collection.hooks?.afterLogin ?? []), auditLogin],
          afterLogout: [...(collection.hooks?.afterLogout ?? []), auditLogout],
        }
      : {}),
  },
})

export const withGlobalAuditLog = (global: GlobalConfig): GlobalConfig => ({
  ...global,
  hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), auditGlobalChange] },
})
