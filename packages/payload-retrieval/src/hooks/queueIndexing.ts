import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, GlobalAfterChangeHook } from 'payload'

import type { RetrievalContext } from '../context'

import { queueIndexDocument } from '../jobs/queueIndexDocument'

/*
 * The hooks do no indexing themselves: they queue a job with `req`, so the job is part of the write's
 * transaction (it exists only if the write commits) and runs afterwards, outside the editor's request.
 * The job reads the document as a visitor would, so drafts, unpublishing and trashing all come out
 * right without the hooks having to tell them apart.
 */

export const queueOnChange =
  (context: RetrievalContext): CollectionAfterChangeHook =>
  async ({ collection, doc, req }) => {
    await queueIndexDocument(context, req, { id: String(doc.id), kind: 'collection', slug: collection.slug })
    return doc
  }

export const queueOnDelete =
  (context: RetrievalContext): CollectionAfterDeleteHook =>
  async ({ collection, id, req }) => {
    await queueIndexDocument(context, req, { id: String(id), kind: 'collection', slug: collection.slug })
  }

export const queueOnGlobalChange =
  (context: RetrievalContext): GlobalAfterChangeHook =>
  async ({ doc, global, req }) => {
    await queueIndexDocument(context, req, { id: global.slug, kind: 'global', slug: global.slug })
    return doc
  }
