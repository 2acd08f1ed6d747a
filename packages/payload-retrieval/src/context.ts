import type { Payload } from 'payload'

import type { FileLimits } from './files/fileLimits'
import type { IndexedListener } from './indexing/afterDocumentIndexed'
import type { ShownRelations } from './related/findShownRelations'
import type { FusionWeights } from './search/fuseRankings'
import type { WordFrequencyCache } from './search/wordFrequencyCache'
import type { ChunkTable, PostingsTable } from './store/chunkTable'
import type { Embedder, QueryExpander, RetrievalAccessArgs, SourceOptions, SourceRef } from './types'

export type Source = SourceOptions & { kind: SourceRef['kind']; slug: string }

/** Everything the plugin's parts share, resolved once from the options. */
export type RetrievalContext = {
  access: {
    reindex: (args: RetrievalAccessArgs) => boolean | Promise<boolean>
    requeue: (args: RetrievalAccessArgs) => boolean | Promise<boolean>
    status: (args: RetrievalAccessArgs) => boolean | Promise<boolean>
  }
  chunking: { maxChars: number; overlapChars: number }
  /** Limits on reading uploaded files (sources with `file`). */
  files: FileLimits
  /** Called after a document's indexing job has written what visitors now see of it (other plugins register with `afterDocumentIndexed`). */
  indexedListeners: IndexedListener[]
  /** Reads the visitor's address for the rate limits; none: one bucket for everyone. */
  clientAddress?: (req: { headers: Headers }) => null | string | undefined
  /** Documents read per query when looking for those that show a changed related document. */
  dependentsPageSize: number
  /** The size of the chunk table's vector column. */
  dimensions: number
  disabled: boolean
  embedBatchSize: number
  /** None: full-text search only, and chunks are stored without vectors. */
  embedder?: Embedder
  /** Query expansion (none: words match only themselves). */
  expansion?: {
    expander: QueryExpander
    frequencies: WordFrequencyCache
    maxDocumentFrequency: number
    rankByMeaning: boolean
    termsPerWord: number
  }
  /** How much a title (A) or heading (B) occurrence counts in BM25, against one in the text. */
  fieldWeights: { heading: number; title: number }
  /** Reciprocal rank fusion: the weight of each ranking, the rank offset k, and whether vector-only documents count. */
  fusion: FusionWeights
  /** Dropped from full-text queries. */
  frameWords: ReadonlySet<string>
  /** pgvector ≥ 0.8 supports iterative index scans; checked at start-up. */
  iterativeScan: boolean
  language: string
  /** Bytes in a request body; larger get 413. */
  maxBodyBytes: number
  /** Stored with every chunk: the embedder's id, or `none` when chunks carry no vector. */
  model: string
  postings: PostingsTable
  postingsPerWord: number
  queue: string
  retries: { attempts: number; delayMs: number }
  /** `GET /api/related` and `findRelated` (see neighbours/findRelatedDocuments.ts). */
  related: { defaultLimit: number; disabled: boolean; maxLimit: number; terms: number }
  /** When failed documents are queued for indexing again (a cron with seconds). */
  retryFailedCron: string
  searchRateLimit: { limit: number; windowSeconds: number }
  /** For each collection, the indexed sources whose text shows its documents (a project its skills' names). */
  shownBy: ShownRelations
  sources: Map<string, Source>
  /** Set when the store does not match the embedder; indexing and search refuse to run. */
  storeProblem?: string
  table: ChunkTable
}

/** The model id stored with chunks that have no vector. */
export const noModel = 'none'

/** The chunk store's tables, as the store's functions take them. */
export const storeTables = (context: Pick<RetrievalContext, 'postings' | 'table'>) => ({
  chunks: context.table,
  postings: context.postings,
})

export const contextKey = 'askfolioRetrieval'

/** The plugin's context, from a running Payload (other plugins and scripts reach the plugin this way). */
export function getRetrievalContext(payload: Payload): RetrievalContext {
  const context = (payload.config.custom as Record<string, unknown> | undefined)?.[contextKey] as
    RetrievalContext | undefined
  if (!context) throw new Error('The retrieval plugin is not installed in this Payload config.')
  return context
}

export const sourceKey = (ref: Pick<SourceRef, 'id' | 'slug'>): string => `${ref.slug}:${ref.id}`

/** One document's key for the index's locks and jobs: its indexing jobs' concurrency key and its write lock. */
export const indexKey = (ref: Pick<SourceRef, 'id' | 'slug'>): string => `retrieval:${sourceKey(ref)}`
