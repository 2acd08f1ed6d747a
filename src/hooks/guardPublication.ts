import type { Resource } from '../access/resources'

import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { mayPublish } from '../access/mayPublish'
import { ownerOnCreate } from '../fields/ownerField'
import { findLiveRow, isLive, type LiveRow } from './liveRow'
import { isDraftSave, setTransition, type Transition } from './publicationState'

/**
 * How a save changes the live document. A non-draft save writes the main row visitors read, so one
 * that keeps a live document live republishes it (with whatever the latest version holds), and
 * trashing or un-trashing a published document takes it off the site or puts it back.
 */
function transitionOf(live: null | LiveRow, next: Partial<LiveRow>): Transition {
  const before = isLive(live)
  const after = isLive(next)
  if (after) return 'publish'
  return before ? 'unpublish' : null
}

const refusal = (transition: Exclude<Transition, null>): string =>
  transition === 'publish'
    ? 'This change would go live on the site, and you do not have the right to publish. Save it as a draft instead (the "Save draft" button, or ?draft=true) and ask an editor to publish it.'
    : 'This change would take a published document off the site, and you do not have the right to publish or unpublish. Ask an editor to do it, or save your changes as a draft.'

type Save = Parameters<CollectionBeforeChangeHook>[0]

/** An update's effect on the live row, and who owns that row. Draft saves leave it alone. */
async function updateEffect(
  { collection, data, originalDoc, req }: Save,
  ownedBy: string,
): Promise<{ owner: unknown; transition: Transition }> {
  if (!originalDoc || isDraftSave(req, collection.slug)) return { owner: undefined, transition: null }
  // originalDoc is the latest version, which may be a draft; the main row says what is live.
  const live = await findLiveRow(req, collection.slug, originalDoc.id)
  // Fields the save leaves out keep the latest version's values, as Payload merges them.
  const transition = transitionOf(live, {
    _status: data._status ?? originalDoc._status ?? live?._status,
    deletedAt: data.deletedAt !== undefined ? data.deletedAt : (live?.deletedAt ?? originalDoc.deletedAt),
  })
  return { owner: live?.[ownedBy], transition }
}

/**
 * Refuses any save that changes what visitors see to a user without the `publish` grant (scope `own`
 * counts for their own documents): publishing, editing a published document in place, unpublishing,
 * trashing or un-trashing a published document, and restoring a version over it. Draft saves leave the
 * live document alone and pass. Update access alone cannot tell: it does not see the draft flag.
 */
export const guardPublication =
  (resource: Resource, { ownedBy }: { ownedBy: string }): CollectionBeforeChangeHook =>
  async (save) => {
    const { collection, data, operation, originalDoc, req } = save
    const fields = data as Record<string, unknown>
    let owners: unknown[]
    let transition: Transition
    if (operation === 'create') {
      // The owner field's hook runs after this one: ask it who the document will belong to.
      owners = [await ownerOnCreate(req, resource, fields[ownedBy])]
      transition = data._status === 'published' ? 'publish' : null
    } else {
      const effect = await updateEffect(save, ownedBy)
      owners = [fields[ownedBy] ?? originalDoc?.[ownedBy], effect.owner]
      transition = effect.transition
    }
    owners = owners.filter((value) => value != null)
    if (transition && req.user && !(await mayPublish(req, resource, owners))) {
      throw new APIError(refusal(transition), 403, null, true)
    }
    if (originalDoc) setTransition(req, collection.slug, originalDoc.id, transition)
    return data
  }
