import type { PayloadRequest } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { indexDocumentTask } from './indexDocumentTask'
import { queueJob } from './queueJob'

/**
 * Queues the indexing job for one document; with `req` it joins the caller's transaction. The job
 * names the signed-in user whose save queued it, for `afterDocumentIndexed` listeners.
 */
export const queueIndexDocument = (context: RetrievalContext, req: PayloadRequest, ref: SourceRef) =>
  queueJob(req.payload, {
    input: {
      ...(req.user ? { by: { collection: req.user.collection, id: String(req.user.id) } } : {}),
      id: ref.id,
      kind: ref.kind,
      slug: ref.slug,
    },
    queue: context.queue,
    req,
    task: indexDocumentTask,
  })
