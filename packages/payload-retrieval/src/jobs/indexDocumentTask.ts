import type { TaskConfig } from 'payload'

import type { SourceRef } from '../types'

import { indexKey, type RetrievalContext } from '../context'
import { type IndexedBy, notifyIndexed } from '../indexing/afterDocumentIndexed'
import { indexDocuments } from '../indexing/indexDocuments'
import { recordStatus } from '../status/recordStatus'

export const indexDocumentTask = 'retrievalIndexDocument'

export type IndexDocumentInput = { by?: IndexedBy; id: string; kind: SourceRef['kind']; slug: string }

/**
 * The indexing job. Jobs for one document share a concurrency key: they never run side by side,
 * and a newer job replaces one still waiting, so a burst of autosaves ends in one run. A failure
 * (the embeddings API down, say) is retried with exponential backoff; until the last attempt the
 * document shows as pending with the error, after it as failed.
 */
export const buildIndexDocumentTask = (context: RetrievalContext): TaskConfig => ({
  slug: indexDocumentTask,
  concurrency: {
    exclusive: true,
    key: ({ input }) => indexKey(input as IndexDocumentInput),
    supersedes: true,
  },
  handler: async ({ input, job, req }) => {
    const { by, ...ref } = input as IndexDocumentInput
    try {
      const [result] = await indexDocuments(req.payload, context, [ref])
      // notifyIndexed catches its listeners' errors: none of them can mark the indexing failed or retry it.
      await notifyIndexed(context, {
        by: by?.collection && by.id ? by : undefined,
        payload: req.payload,
        queuedAt: String(job.createdAt),
        ref,
        result,
      })
      return { output: { chunks: result.chunks, embedded: result.embedded, state: result.state } }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const failedBefore = job.totalTried ?? 0
      const final = failedBefore >= context.retries.attempts
      await recordStatus(req.payload, ref, {
        error: final
          ? message
          : `Attempt ${failedBefore + 1} of ${context.retries.attempts + 1} failed, retrying: ${message}`,
        state: final ? 'failed' : 'pending',
      })
      throw error
    }
  },
  inputSchema: [
    { name: 'kind', type: 'select', options: ['collection', 'global'], required: true },
    { name: 'slug', type: 'text', required: true },
    { name: 'id', type: 'text', required: true },
    {
      name: 'by',
      type: 'group',
      fields: [
        { name: 'collection', type: 'text' },
        { name: 'id', type: 'text' },
      ],
    },
  ],
  label: 'Index a document for search',
  outputSchema: [
    { name: 'state', type: 'text' },
    { name: 'chunks', type: 'number' },
    { name: 'embedded', type: 'number' },
  ],
  retries: { attempts: context.retries.attempts, backoff: { delay: context.retries.delayMs, type: 'exponential' } },
})
