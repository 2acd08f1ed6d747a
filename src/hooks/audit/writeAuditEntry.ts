import type { PayloadRequest } from 'payload'

export const auditActions = [
  'create',
  'update',
  'delete',
  'trash',
  'restore',
  'publish',
  'unpublish',
  'login',
  'logout',
  'erase',
] as const

export type AuditAction = (typeof auditActions)[number]

export type AuditEntry = {
  action: AuditAction
  changedFields?: string[]
  documentId?: null | number | string
  entity: string
  entityType: 'collection' | 'global'
  userId?: null | number | string
}

/**
 * Writes one audit entry with the caller's `req`, so it joins the write's transaction: if the change
 * rolls back, so does its entry, and if the entry cannot be written, the change fails.
 */
export async function writeAuditEntry(req: PayloadRequest, entry: AuditEntry): Promise<void> {
  const userId = entry.userId ?? (req.user?.collection === 'users' ? req.user.id : null)
  await req.payload.create({
    collection: 'audit-logs',
    data: {
      action: entry.action,
      changedFields: entry.changedFields ?? [],
      documentId: entry.documentId === null || entry.documentId === undefined ? null : String(entry.documentId),
      entity: entry.entity,
      entityType: entry.entityType,
      ip: req.headers?.get('x-real-ip') ?? null,
      user: (userId as number | null) ?? null,
      userAgent: req.headers?.get('user-agent')?.slice(0, 512) ?? null,
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
}
