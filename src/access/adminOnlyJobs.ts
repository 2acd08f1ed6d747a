import { APIError, type PayloadRequest } from 'payload'

import { isAdmin } from './isAdmin'

/**
 * Who may run, queue or cancel jobs through Payload's job endpoints: admins only. The app's own
 * server-side code uses the local API, which skips this check. A signed-in non-admin gets a 403 with
 * the reason; a visitor gets Payload's 401.
 */
export const adminOnlyJobs = async ({ req }: { req: PayloadRequest }): Promise<boolean> => {
  if (await isAdmin({ req })) return true
  if (req.user) throw new APIError('Only an administrator may run, queue or cancel jobs.', 403, null, true)
  return false
}
