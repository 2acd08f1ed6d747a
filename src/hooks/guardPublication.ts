import { type CollectionBeforeChangeHook, Forbidden, type PayloadRequest, type TypeWithID } from 'payload'

import type { Resource } from '../access/resources'

import { getScope } from '../access/getPermissions'
import { idOf } from '../access/idOf'
import { isDraftSave, setTransition, type Transition } from './publicationState'

async function mayPublish(req: PayloadRequest, resource: Resource, owner: unknown): Promise<boolean> {
  const scope = await getScope(req, resource, 'publish')
  return scope === 'all' || (scope === 'own' && idOf(owner) === req.user?.id)
}

/**
 * Works out whether a save publishes or unpublishes the document, and refuses either to a user
 * without the `publish` grant. Update access already stops `_status: 'published'` from such users;
 * this also catches unpublishing, which arrives as an ordinary save with `_status: 'draft'`.
 */
export const guardPublication =
  (resource: Resource, { ownedBy }: { ownedBy: string }): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, originalDoc, req }) => {
    let transition: Transition = null
    if (operation === 'create') {
      transition = data._status === 'published' ? 'publish' : null
    } else if (originalDoc && !isDraftSave(req, collection.slug)) {
      // originalDoc is the latest version, which may be a draft; the main row says what is live.
      const live = await req.payload.db.findOne<TypeWithID & { _status?: string }>({
        collection: collection.slug,
        req,
        where: { id: { equals: originalDoc.id } },
      })
      const wasPublished = live?._status === 'published'
      const willPublish = (data._status ?? live?._status) === 'published'
      if (wasPublished !== willPublish) transition = willPublish ? 'publish' : 'unpublish'
    }

    const owner = (data as Record<string, unknown>)[ownedBy] ?? originalDoc?.[ownedBy]
    if (transition && req.user && !(await mayPublish(req, resource, owner))) {
      throw new Forbidden(req.t)
    }
    if (originalDoc) setTransition(req, collection.slug, originalDoc.id, transition)
    return data
  }
