import type { RunTrigger } from './checksCollection'
import type { AnswerCheck } from './runCheck'

import { collectionStore } from '@askfolio/payload-retrieval'

import { checksSlug } from './checksCollection'

/** The publish after which a passing check first failed. */
export type BrokenBy = {
  at?: null | string
  collection?: null | string
  documentId?: null | string
  userId?: null | string
}

/** An answer check, as the `chat-checks` collection holds it. */
export type AnswerCheckDoc = AnswerCheck & {
  brokenBy?: BrokenBy | null
  id: number | string
  lastAnswer?: null | string
  lastReason?: null | string
  lastResult?: 'fail' | 'pass' | null
  lastRunAt?: null | string
  lastRunBy?: null | RunTrigger
}

/** The `chat-checks` collection through the Local API. */
export const checksStore = collectionStore<AnswerCheckDoc>(checksSlug)
