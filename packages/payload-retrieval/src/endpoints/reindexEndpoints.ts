import type { Endpoint, Payload } from 'payload'

import type { RetrievalContext } from '../context'

import { queueJob } from '../jobs/queueJob'
import { reindexAllTask } from '../jobs/reindexAllTask'
import { findUnfinishedRun, staleRunMs } from '../reindex/reindexAll'
import { indexStates } from '../status/collections'
import { runsStore } from '../status/runsStore'
import { statusStore } from '../status/statusStore'
import { errorResponse } from './respond'

const latestRun = async (payload: Payload) =>
  (await runsStore.find(payload, { depth: 0, limit: 1, overrideAccess: true, sort: '-createdAt' })).docs[0] ?? null

/** How many documents are in each index state. */
const countStates = async (payload: Payload) => {
  const counts = await Promise.all(
    indexStates.map((state) =>
      statusStore.count(payload, { overrideAccess: true, where: { state: { equals: state } } }),
    ),
  )
  return Object.fromEntries(indexStates.map((state, i) => [state, counts[i]])) as Record<
    (typeof indexStates)[number],
    number
  >
}

/** `GET /api/retrieval/reindex`: the latest bulk run and its progress, and the documents per index state. */
export const reindexStatusEndpoint = (context: RetrievalContext): Endpoint => ({
  handler: async (req) => {
    if (!(await context.access.status({ req }))) return errorResponse(403, 'You are not allowed to read index states.')
    const [run, states] = await Promise.all([latestRun(req.payload), countStates(req.payload)])
    return Response.json({ run, states })
  },
  method: 'get',
  path: '/retrieval/reindex',
})

/**
 * `POST /api/retrieval/reindex`: reindex everything, as a job. Resumes an abandoned run; refuses
 * (409) while another is alive.
 */
export const reindexStartEndpoint = (context: RetrievalContext): Endpoint => ({
  handler: async (req) => {
    if (!(await context.access.reindex({ req })))
      return errorResponse(403, 'Only administrators can reindex everything.')
    const unfinished = await findUnfinishedRun(req.payload)
    if (unfinished && Date.now() - Date.parse(unfinished.updatedAt) < staleRunMs) {
      return Response.json({ errors: [{ message: 'A reindex is already running.' }], run: unfinished }, { status: 409 })
    }
    const run = unfinished ?? (await runsStore.create(req.payload, { state: 'running' }, { overrideAccess: true, req }))
    await queueJob(req.payload, { input: { runId: String(run.id) }, queue: context.queue, req, task: reindexAllTask })
    return Response.json({ run }, { status: 202 })
  },
  method: 'post',
  path: '/retrieval/reindex',
})
