import type { Endpoint } from 'payload'

import type { RetrievalContext } from '../context'

import { queueIndexDocument } from '../jobs/queueIndexDocument'
import { resolveTarget } from './resolveTarget'
import { errorResponse, readJson } from './respond'

/** `POST /api/retrieval/requeue` with `{collection, id}` or `{global}`: index one document again. */
export const requeueEndpoint = (context: RetrievalContext): Endpoint => ({
  handler: async (req) => {
    if (!req.user) return errorResponse(403, 'Sign in to re-queue a document.')
    const body = await readJson(req, { maxBytes: context.maxBodyBytes })
    if (body instanceof Response) return body
    const ref = await resolveTarget(req.payload, context, body)
    if (ref instanceof Response) return ref
    if (!(await context.access.requeue({ collection: ref.slug, req }))) {
      return errorResponse(403, `You are not allowed to re-queue ${ref.slug} documents.`)
    }
    const job = await queueIndexDocument(context, req, ref)
    return Response.json(
      { job: (job as { id: number | string }).id, queued: { id: ref.id, source: ref.slug } },
      { status: 202 },
    )
  },
  method: 'post',
  path: '/retrieval/requeue',
})
