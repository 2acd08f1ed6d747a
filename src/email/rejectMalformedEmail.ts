import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

import { isEmailAddress } from './validateAddresses'

/**
 * Forgot-password requests with something that is not an email address get a 400 that says so. Any
 * well-formed address gets the same answer whether or not an account has it (Payload's own behaviour).
 */
export const rejectMalformedEmail: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'forgotPassword') return args
  const email = (args as { data?: { email?: unknown } }).data?.email
  if (!isEmailAddress(email)) throw new APIError('Enter a valid email address, like name@example.com.', 400, null, true)
  return args
}
