import { APIError, type CollectionBeforeLoginHook } from 'payload'

/** A deactivated account keeps its history but cannot sign in. */
export const rejectInactiveUser: CollectionBeforeLoginHook = ({ user }) => {
  if ((user as { active?: boolean | null }).active === false) {
    throw new APIError('This account has been deactivated. Ask an administrator to reactivate it.', 403, null, true)
  }
  return user
}
