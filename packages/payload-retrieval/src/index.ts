import type { CollectionConfig, Config, Field, GlobalConfig, Payload } from 'payload'

import type { RetrievalPluginOptions } from './types'

import { contextKey, getRetrievalContext, type RetrievalContext } from './context'
import { reindexStartEndpoint, reindexStatusEndpoint } from './endpoints/reindexEndpoints'
import { relatedEndpoint } from './endpoints/relatedEndpoint'
import { requeueEndpoint } from './endpoints/requeueEndpoint'
import { searchEndpoint } from './endpoints/searchEndpoint'
import { statusEndpoint } from './endpoints/statusEndpoint'
import { findDependentsBeforeDelete, queueDependentsOnChange, queueDependentsOnDelete } from './hooks/queueDependents'
import { queueOnChange, queueOnDelete, queueOnGlobalChange } from './hooks/queueIndexing'
import { buildIndexDocumentTask } from './jobs/indexDocumentTask'
import { buildReindexAllTask } from './jobs/reindexAllTask'
import { buildRetryFailedTask } from './jobs/retryFailedTask'
import { findRelatedDocuments, type RelatedDocument, type RelatedOptions } from './neighbours/findRelatedDocuments'
import { type ReindexOptions, reindexAll } from './reindex/reindexAll'
import { resolveOptions } from './resolveOptions'
import { findIndexedPages, type FindIndexedPagesOptions, type IndexedPage } from './search/findIndexedPages'
import { type SearchHit, searchIndex, type SearchOptions } from './search/searchIndex'
import { buildRunsCollection, buildStatusCollection } from './status/collections'
import { checkStoreOnInit } from './store/checkStoreOnInit'
import { assertChunkStore } from './store/inspectChunkStore'
import { requirePostgres } from './store/requirePostgres'

export { buildWordVectorTable } from './expansion/buildWordVectorTable'
export { createLexicalExpander, type LexicalExpanderOptions } from './expansion/createLexicalExpander'
export { questionFrameWords } from './expansion/frameWords'
export { createLocalEmbedder } from './embedders/localEmbedder'
export { createOpenAIEmbedder } from './embedders/openaiEmbedder'
// For a companion plugin's own OpenAI-compatible model, without importing the optional `openai` early.
export { lazyOpenAI } from './embedders/lazyOpenAI'
export { errorResponse, readJson } from './endpoints/respond'
// For a companion plugin's own tasks (the one cast past the host's generated task slugs).
export { queueJob } from './jobs/queueJob'
export {
  afterDocumentIndexed,
  type IndexedBy,
  type IndexedEvent,
  type IndexedListener,
} from './indexing/afterDocumentIndexed'
export { defaultMaxBodyBytes, readBodyText } from './endpoints/readBodyText'
export { hasControlCharacters } from './text/hasControlCharacters'
export {
  type MigrationArgs,
  readSchemaVersion,
  rebuildSearchIndex,
  resizeVectors,
  retrievalMigration,
  retrievalSchemaVersion,
} from './schema/retrievalMigration'
// The gateway's helpers, for a companion plugin's own reports (its SQL still goes through one place).
export { adapterOf, databaseOf, queryRows, requestDatabase } from './store/database'
export { collectionStore, type CollectionStore, findGlobalBySlug, type StoreOptions } from './store/collectionStore'
export {
  addressFromHeader,
  clientAddressOf,
  hitRateLimit,
  hitRateLimits,
  type RateLimitCheck,
  type RateLimitDecision,
  type RateLimitRule,
  tooManyRequests,
} from './rateLimit/rateLimit'
export type { SearchHit, SearchMode, SearchOptions } from './search/searchIndex'
export type { FindIndexedPagesOptions, IndexedPage } from './search/findIndexedPages'
export type { IndexResult } from './indexing/indexDocuments'
export type { RelatedDocument, RelatedMode, RelatedOptions } from './neighbours/findRelatedDocuments'
export type { ReindexProgress } from './reindex/reindexAll'
export type {
  Embedder,
  FieldSource,
  QueryExpander,
  RelatedWord,
  RetrievalPluginOptions,
  SourceOptions,
  SourceRef,
} from './types'

const statusField: Field = {
  name: 'searchIndex',
  type: 'ui',
  admin: { components: { Field: '@askfolio/payload-retrieval/client#IndexStatusField' }, position: 'sidebar' },
}

function withIndexing(collection: CollectionConfig, context: RetrievalContext): CollectionConfig {
  return {
    ...collection,
    fields: [...collection.fields, statusField],
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), queueOnChange(context)],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), queueOnDelete(context)],
    },
  }
}

/** Hooks on a collection whose documents indexed documents show: they queue those documents too. */
function withDependentsIndexing(collection: CollectionConfig, context: RetrievalContext): CollectionConfig {
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), queueDependentsOnChange(context)],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), queueDependentsOnDelete(context)],
      beforeDelete: [...(collection.hooks?.beforeDelete ?? []), findDependentsBeforeDelete(context)],
    },
  }
}

function withCollectionHooks(collection: CollectionConfig, context: RetrievalContext): CollectionConfig {
  const indexed =
    context.sources.get(collection.slug)?.kind === 'collection' ? withIndexing(collection, context) : collection
  return context.shownBy.has(collection.slug) ? withDependentsIndexing(indexed, context) : indexed
}

function withGlobalIndexing(global: GlobalConfig, context: RetrievalContext): GlobalConfig {
  return {
    ...global,
    fields: [...global.fields, statusField],
    hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), queueOnGlobalChange(context)] },
  }
}

/** `autoRun` with `queue` added: on `cron` (every second), `limit` jobs at most (for other plugins' queues too). */
export function withAutoRun(
  autoRun: NonNullable<Config['jobs']>['autoRun'],
  queue: string,
  limit = 20,
  cron = '* * * * * *',
): NonNullable<Config['jobs']>['autoRun'] {
  const ours = { cron, limit, queue }
  if (typeof autoRun === 'function') return async (payload) => [...(await autoRun(payload)), ours]
  return [...(autoRun ?? []), ours]
}

/**
 * Indexes published content into PostgreSQL (pgvector and full-text) for retrieval. Writes to the
 * configured collections and globals queue a job that reads the document as a visitor would, chunks
 * it, embeds what changed and updates the chunk table. Writes to a document that indexed documents
 * show (through a relationship or upload field in their `fields`) queue those documents as well.
 * With `disabled`, the schema stays (table, collections, job definitions) and nothing else happens.
 */
export const retrievalPlugin =
  (options: RetrievalPluginOptions) =>
  (incoming: Config): Config => {
    requirePostgres(incoming.db)
    const context = resolveOptions(options, incoming)
    const active = !context.disabled
    const config: Config = {
      ...incoming,
      collections: [
        ...(incoming.collections ?? []).map((collection) =>
          active ? withCollectionHooks(collection, context) : collection,
        ),
        buildStatusCollection(context),
        buildRunsCollection(context),
      ],
      custom: { ...incoming.custom, [contextKey]: context },
      globals: (incoming.globals ?? []).map((global) =>
        active && context.sources.get(global.slug)?.kind === 'global' ? withGlobalIndexing(global, context) : global,
      ),
      jobs: {
        ...incoming.jobs,
        autoRun:
          active && options.autoRun !== false
            ? withAutoRun(incoming.jobs?.autoRun, context.queue)
            : incoming.jobs?.autoRun,
        enableConcurrencyControl: true,
        tasks: [
          ...(incoming.jobs?.tasks ?? []),
          buildIndexDocumentTask(context),
          buildReindexAllTask(context),
          buildRetryFailedTask(context),
        ],
      },
    }
    if (!active) return config
    config.endpoints = [
      ...(incoming.endpoints ?? []),
      searchEndpoint(context),
      ...(context.related.disabled ? [] : [relatedEndpoint(context)]),
      statusEndpoint(context),
      requeueEndpoint(context),
      reindexStatusEndpoint(context),
      reindexStartEndpoint(context),
    ]
    config.onInit = async (payload) => {
      await incoming.onInit?.(payload)
      await checkStoreOnInit(payload, context)
      if (!context.clientAddress) {
        payload.logger.warn({
          msg: 'retrievalPlugin: no `clientAddress` option, so every visitor shares one rate-limit bucket; set it to read the address your proxy passes on',
        })
      }
    }
    return config
  }

/** Reindexes everything (see reindex/reindexAll.ts), for the host's scripts and migrations. */
export const reindexEverything = (payload: Payload, options?: ReindexOptions) =>
  reindexAll(payload, getRetrievalContext(payload), options)

/** Throws a clear message if the chunk table does not fit the configured embedder. */
export const checkSearchIndex = (payload: Payload) => assertChunkStore(payload, getRetrievalContext(payload))

/** Hybrid search over what visitors can see (for other plugins, such as the chat). */
export const searchPublished = (payload: Payload, query: string, options?: SearchOptions): Promise<SearchHit[]> =>
  searchIndex(payload, getRetrievalContext(payload), query, options)

/** Indexed documents by address, as visitors can read them (for other plugins: the chat's suggestions). */
export const indexedPages = (payload: Payload, options?: FindIndexedPagesOptions): Promise<IndexedPage[]> =>
  findIndexedPages(payload, getRetrievalContext(payload), options)

/**
 * The published documents closest to one published document, best first, each with the chunk that
 * made it related (see neighbours/findRelatedDocuments.ts): what `GET /api/related` answers, for the
 * host's own pages. Null when the document is not one a visitor may read (missing, a draft, trashed,
 * not of an indexed collection) or is not indexed yet; `collections` keeps to those collections.
 */
export async function findRelated(payload: Payload, options: RelatedOptions): Promise<null | RelatedDocument[]> {
  const answer = await findRelatedDocuments(payload, getRetrievalContext(payload), options)
  return answer.reason ? null : answer.results
}

/** True when `retrievalPlugin` has already run on this config (other plugins that rely on it check). */
export const isRetrievalInstalled = (config: Config): boolean =>
  Boolean((config.custom as Record<string, unknown> | undefined)?.[contextKey])
