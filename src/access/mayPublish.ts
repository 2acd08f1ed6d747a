import type { PayloadRequest } from 'payload'

import type { Resource } from './resources'

import { getScope } from './getPermissions'
import { idOf } from './idOf'

/** Whether the user may publish: a grant on every document, or scope `own` and they own it (all of `owners`). */
export async function mayPublish(req: PayloadRequest, resource: Resource, owners: unknown[]): Promise<boolean> {
  const scope = await getScope(req, resource, 'publish')
  return (
    scope === 'all' || (scope === 'own' && owners.length > 0 && owners.every((owner) => idOf(owner) === req.user?.id))
  )
}
