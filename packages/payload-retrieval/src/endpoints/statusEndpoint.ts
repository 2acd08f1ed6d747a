import type { Endpoint } from 'payload'

import { indexKey, type RetrievalContext } from '../context'
import { indexDocumentTask } from '../jobs/indexDocumentTask'
import { mayReadSource } from '../status/mayReadSource'
import { readStatus } from '../status/recordStatus'
import { resolveTarget } from './resolveTarget'
import { errorResponse } from './respond'

/**
 * `GET /api/retrieval/status?collection=projects&id=3` (or `?global=profile`): where one document
 * stands in the index. `pending` is true while an indexing job for it waits or runs.
 */
export const statusEndpoint = (context: RetrievalContext): Endpoint => ({
  handler: async (req) => {
    if (!(await context.access.status({ req }))) return errorResponse(403, 'You are not allowed to read index states.')
    const query = req.query as Record<string, unknown>
    const ref = await resolveTarget(req.payload, context, {
      collection: query.collection,
      global: query.global,
      id: query.id,
    })
    if (ref instanceof Response) return ref
    // The same answer as for a document that does not exist: its state would tell that it does.
    if (!(await mayReadSource(req, ref))) return errorResponse(404, `No ${ref.slug} document with id ${ref.id}.`)
    const [status, jobs] = await Promise.all([
      readStatus(req.payload, ref),
      req.payload.count({
        collection: 'payload-jobs',
        overrideAccess: true,
        where: {
          and: [
            { taskSlug: { equals: indexDocumentTask } },
            { concurrencyKey: { equals: indexKey(ref) } },
            { completedAt: { exists: false } },
            { hasError: { not_equals: true } },
          ],
        },
      }),
    ])
    const pending = jobs.totalDocs > 0
    return Response.json({
      chunks: status?.chunks ?? 0,
      error: status?.error ?? null,
      indexedAt: status?.indexedAt ?? null,
      pending,
      source: ref.slug,
      sourceId: ref.id,
      state: pending && status?.state !== 'failed' ? 'pending' : (status?.state ?? 'not-indexed'),
    })
  },
  method: 'get',
  path: '/retrieval/status',
})
