import type { Config, Payload } from 'payload'

import type { SourceRef } from '../types'
import type { IndexResult } from './indexDocuments'

import { contextKey, type RetrievalContext } from '../context'

/** Who saved the change that queued the indexing, when a signed-in user did. */
export type IndexedBy = { collection: string; id: string }

export type IndexedEvent = {
  /** The user whose save queued the job; absent for scripts, the sweep and anonymous writes. */
  by?: IndexedBy
  payload: Payload
  /** When the save queued the job: the time of the change that is now searchable. */
  queuedAt: string
  ref: SourceRef
  result: IndexResult
}

export type IndexedListener = (event: IndexedEvent) => Promise<void> | void

/**
 * Registers `listener` to be called each time a document's indexing job (the one a save queues) has
 * written its chunks: from then on search, and so the chat, finds what visitors now see of it. For a
 * plugin listed after `retrievalPlugin` (the chat runs its answer checks this way). A listener runs
 * in the job, after the index is committed; one that throws is logged and never fails the job.
 * Bulk reindexing does not call it.
 */
export function afterDocumentIndexed(config: Config, listener: IndexedListener): void {
  const context = (config.custom as Record<string, unknown> | undefined)?.[contextKey] as RetrievalContext | undefined
  if (!context) throw new Error('afterDocumentIndexed needs retrievalPlugin: list it first in `plugins`.')
  context.indexedListeners.push(listener)
}

/** Calls the registered listeners one after the other; their failures are logged, not passed on. */
export async function notifyIndexed(context: RetrievalContext, event: IndexedEvent): Promise<void> {
  for (const listener of context.indexedListeners) {
    try {
      await listener(event)
    } catch (error) {
      event.payload.logger.error({
        err: error,
        msg: `retrieval: a listener of indexed documents failed for ${event.ref.slug} ${event.ref.id}`,
      })
    }
  }
}
