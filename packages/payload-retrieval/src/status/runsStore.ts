import { collectionStore } from '../store/collectionStore'
import { runsSlug } from './collections'

/** A bulk reindex run: its state, progress and where it got to. */
export type RunRecord = {
  createdAt: string
  cursor?: null | string
  embedded?: null | number
  failed?: null | number
  id: number | string
  processed?: null | number
  state: 'done' | 'failed' | 'running'
  total?: null | number
  updatedAt: string
}

/** The `retrieval-runs` collection through the Local API. */
export const runsStore = collectionStore<RunRecord>(runsSlug)
