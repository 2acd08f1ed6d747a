import type { Access } from 'payload'

import { hasPermission } from './hasPermission'
import { idOf } from './idOf'

/** Roles read access: a grant on `roles`, or else the roles the signed-in user holds. */
export const ownRolesOrPermitted: Access = async (args) => {
  const permitted = await hasPermission('roles', 'read')(args)
  if (permitted || !args.req.user) return permitted
  const roles = ((args.req.user as { roles?: unknown[] | null }).roles ?? []).map(idOf)
  return roles.length > 0 ? { id: { in: roles } } : false
}
