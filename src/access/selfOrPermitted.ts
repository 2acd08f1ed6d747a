import type { Access } from 'payload'

import type { Action } from './resources'

import { hasPermission } from './hasPermission'

/** Users access: a grant on `users`, or else the signed-in user's own account. */
export const selfOrPermitted =
  (action: Action): Access =>
  async (args) => {
    const permitted = await hasPermission('users', action)(args)
    if (permitted || !args.req.user) return permitted
    return { id: { equals: args.req.user.id } }
  }
