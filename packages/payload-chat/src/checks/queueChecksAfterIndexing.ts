import type { ChatContext } from '../context'

import { type IndexedListener, queueJob } from '@askfolio/payload-retrieval'

import { checksStore } from './checksStore'
import { runChecksTask } from './runChecksTask'

/**
 * After a document's indexing job has changed what search finds (a publish, an edit of a live
 * document, an unpublish, a delete), queues a run of the answer checks naming that change, so a check
 * it breaks says so. Draft saves change nothing in the index and queue nothing, nor does anything
 * while there are no checks. The run is its own job: the save was committed long before, and a
 * failing check fails nothing but that job.
 */
export const queueChecksAfterIndexing =
  ({ checks, userCollection }: Pick<ChatContext, 'checks' | 'userCollection'>): IndexedListener =>
  async ({ by, payload, queuedAt, ref, result }) => {
    if (!result.changed) return
    if ((await checksStore.count(payload, { overrideAccess: true })) === 0) return
    await queueJob(payload, {
      input: {
        publish: {
          at: queuedAt,
          collection: ref.slug,
          documentId: ref.id,
          userId: by && by.collection === userCollection ? by.id : undefined,
        },
      },
      queue: checks.queue,
      task: runChecksTask,
    })
  }
