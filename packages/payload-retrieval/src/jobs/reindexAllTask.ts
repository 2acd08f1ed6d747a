import type { TaskConfig } from 'payload'

import type { RetrievalContext } from '../context'

import { reindexAll } from '../reindex/reindexAll'

export const reindexAllTask = 'retrievalReindexAll'

/** A bulk reindex run as a job (started from the admin or the API); one at a time. */
export const buildReindexAllTask = (context: RetrievalContext): TaskConfig => ({
  slug: reindexAllTask,
  concurrency: { exclusive: true, key: () => 'retrieval:reindex', supersedes: false },
  handler: async ({ input, req }) => {
    const result = await reindexAll(req.payload, context, { runId: (input as { runId?: string }).runId || undefined })
    return { output: { embedded: result.embedded, failed: result.failed, processed: result.processed } }
  },
  inputSchema: [{ name: 'runId', type: 'text' }],
  label: 'Reindex everything for search',
  outputSchema: [
    { name: 'processed', type: 'number' },
    { name: 'embedded', type: 'number' },
    { name: 'failed', type: 'number' },
  ],
  retries: 0,
})
