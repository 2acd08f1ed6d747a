import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  PayloadRequest,
} from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { queueIndexDocument } from '../jobs/queueIndexDocument'
import { findDependents } from '../related/findDependents'
import { isDraftOnlySave } from '../related/isDraftOnlySave'

/*
 * When a document that indexed documents show changes (a skill that projects are built with), each
 * of them is queued for indexing like a save of its own: same job, same transaction, same concurrency
 * key, so a burst of renames still ends in one run per project, and a run that finds its chunks
 * unchanged embeds nothing.
 *
 * Errors are not caught. The lookups and the queueing run in the save's transaction, and after a
 * failed statement PostgreSQL aborts that transaction: carrying on would commit nothing while the
 * editor is told the save worked. They fail only when the database does, and then the save fails too.
 */

// Dependents found before a delete, keyed by collection and id. Kept on the request under a symbol
// (not in a map keyed by the request): Payload hands some hooks a proxy of the request, which shares
// its properties but not its identity.
const foundKey = Symbol('retrievalDependents')
type WithFound = PayloadRequest & { [foundKey]?: Map<string, SourceRef[]> }

const queueAll = async (context: RetrievalContext, req: PayloadRequest, refs: SourceRef[]) => {
  for (const ref of refs) await queueIndexDocument(context, req, ref)
}

/** After a save that may change what visitors see of the document (name, status, trash), queue those that show it. */
export const queueDependentsOnChange =
  (context: RetrievalContext): CollectionAfterChangeHook =>
  async ({ collection, doc, operation, req }) => {
    // Nothing can refer to a document that did not exist until now.
    if (operation === 'create' || (await isDraftOnlySave(req, collection, doc))) return doc
    await queueAll(context, req, await findDependents(req, context, { id: doc.id, slug: collection.slug }))
    return doc
  }

/** Before a delete, while the relations still exist: the database drops them with the document. */
export const findDependentsBeforeDelete =
  (context: RetrievalContext): CollectionBeforeDeleteHook =>
  async ({ collection, id, req }) => {
    const holder = req as WithFound
    holder[foundKey] ??= new Map()
    holder[foundKey].set(`${collection.slug}:${id}`, await findDependents(req, context, { id, slug: collection.slug }))
  }

export const queueDependentsOnDelete =
  (context: RetrievalContext): CollectionAfterDeleteHook =>
  async ({ collection, id, req }) => {
    const found = (req as WithFound)[foundKey]
    const key = `${collection.slug}:${id}`
    await queueAll(context, req, found?.get(key) ?? [])
    found?.delete(key)
  }
