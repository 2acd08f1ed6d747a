import type { CollectionBeforeOperationHook } from 'payload'

/** Set on `req.context` by flows that prove the address another way (the invitation's emailed link). */
export const addressProvenKey = 'addressProven'

/**
 * Users created without a signed-in user (the seed, scripts, the Local API) or through an invitation
 * start verified, with no verification email; those an admin creates with a password must confirm
 * their address from the emailed link before they can sign in.
 */
export const trustCreatedUsers: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create') return args
  if (req.user && !req.context?.[addressProvenKey]) return args
  const create = args as { data?: Record<string, unknown>; disableVerificationEmail?: boolean }
  return {
    ...create,
    data: { ...create.data, _verified: true },
    disableVerificationEmail: true,
  } as unknown as typeof args
}
