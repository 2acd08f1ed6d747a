import type { SourceRef } from '../types'

import { collectionStore } from '../store/collectionStore'
import { statusSlug } from './collections'

/** One document's index state, as the `retrieval-status` collection holds it. */
export type StatusRecord = {
  error?: null | string
  id: number | string
  source: string
  sourceId: string
  sourceKind: SourceRef['kind']
  state: string
}

/** The `retrieval-status` collection through the Local API. */
export const statusStore = collectionStore<StatusRecord>(statusSlug)
