import type { Config } from 'payload'

import type { RetrievalContext, Source } from './context'
import type { RetrievalPluginOptions } from './types'

import { noModel } from './context'
import { defaultMaxBodyBytes } from './endpoints/readBodyText'
import { questionFrameWords } from './expansion/frameWords'
import { findShownRelations } from './related/findShownRelations'
import { createWordFrequencyCache } from './search/wordFrequencyCache'
import { runsSlug, statusSlug } from './status/collections'
import { buildChunkTable, buildPostingsTable } from './store/chunkTable'

// The plugin's own records, never content. Auth collections and Payload's own are refused too.
const ownSlugs = [statusSlug, runsSlug]

const signedIn = ({ req }: { req: { user?: unknown } }) => Boolean(req.user)

export function resolveOptions(options: RetrievalPluginOptions, config: Config): RetrievalContext {
  const dimensions = options.embedder?.dimensions ?? options.dimensions ?? 1536
  const table = buildChunkTable(dimensions)
  const sources = new Map<string, Source>()
  const neverIndexed = new Set([...ownSlugs, ...(options.neverIndex ?? [])])
  for (const [slug, source] of Object.entries(options.collections)) {
    const collection = config.collections?.find((entry) => entry.slug === slug)
    if (!collection) throw new Error(`retrievalPlugin: there is no collection "${slug}" to index`)
    if (collection.auth || neverIndexed.has(slug) || slug.startsWith('payload-')) {
      throw new Error(`retrievalPlugin: "${slug}" holds private data and can never be indexed`)
    }
    if (source.file && !collection.upload)
      throw new Error(`retrievalPlugin: "${slug}" has \`file\` set but is not an upload collection`)
    sources.set(slug, { ...source, kind: 'collection', slug })
  }
  for (const [slug, source] of Object.entries(options.globals ?? {})) {
    if (!config.globals?.some((entry) => entry.slug === slug))
      throw new Error(`retrievalPlugin: there is no global "${slug}" to index`)
    sources.set(slug, { ...source, kind: 'global', slug })
  }

  return {
    access: {
      reindex: options.access?.reindex ?? (() => false),
      requeue: options.access?.requeue ?? signedIn,
      status: options.access?.status ?? signedIn,
    },
    clientAddress: options.clientAddress,
    chunking: { maxChars: options.chunking?.maxChars ?? 1200, overlapChars: options.chunking?.overlapChars ?? 200 },
    dependentsPageSize: options.dependentsPageSize ?? 100,
    dimensions,
    disabled: Boolean(options.disabled),
    embedBatchSize: options.embedBatchSize ?? 64,
    files: {
      maxBytes: options.files?.maxBytes ?? 20 * 1024 * 1024,
      maxMemoryMb: options.files?.maxMemoryMb ?? 512,
      maxPages: options.files?.maxPages ?? 500,
      timeoutMs: options.files?.timeoutMs ?? 60_000,
    },
    embedder: options.embedder,
    expansion: options.expansion && {
      expander: options.expansion.expander,
      frequencies: createWordFrequencyCache(),
      maxDocumentFrequency: options.expansion.maxDocumentFrequency ?? 2,
      rankByMeaning: options.expansion.rankByMeaning ?? true,
      termsPerWord: options.expansion.termsPerWord ?? 8,
    },
    fieldWeights: { heading: options.fieldWeights?.heading ?? 1.5, title: options.fieldWeights?.title ?? 2 },
    frameWords: new Set(
      (options.frameWords ?? ((options.language ?? 'english') === 'english' ? questionFrameWords : [])).map((word) =>
        word.toLowerCase(),
      ),
    ),
    fusion: fusionDefaults(options),
    // The host's own first; later plugins add theirs with afterDocumentIndexed.
    indexedListeners: options.onIndexed ? [options.onIndexed] : [],
    iterativeScan: false,
    language: options.language ?? 'english',
    maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
    model: options.embedder?.id ?? noModel,
    postings: buildPostingsTable(table),
    postingsPerWord: Math.max(1, Math.floor(options.postingsPerWord ?? 1000)),
    queue: 'retrieval',
    related: relatedDefaults(options.related),
    retries: { attempts: options.retries?.attempts ?? 4, delayMs: options.retries?.delayMs ?? 2000 },
    retryFailedCron: options.retries?.retryFailedCron ?? '0 */5 * * * *',
    searchRateLimit: options.searchRateLimit ?? { limit: 60, windowSeconds: 60 },
    shownBy: findShownRelations(config, sources.values()),
    sources,
    table,
  }
}

/**
 * A trained embedding model earns an equal say (k 60, the usual RRF offset). The local embedder only
 * sees shared words, which BM25 already weighs better, so there the vector side just breaks ties and
 * nudges near-misses (tuned on SciFact), and a neighbour that shares no word
 * with the query is a hash collision, not a result.
 */
function fusionDefaults(options: RetrievalPluginOptions): RetrievalContext['fusion'] {
  const local = !options.embedder || options.embedder.id.startsWith('local:')
  return {
    fullText: options.fusion?.fullText ?? 1,
    k: options.fusion?.k ?? (local ? 10 : 60),
    vector: options.fusion?.vector ?? (local ? 0.1 : 1),
    vectorOnly: options.fusion?.vectorOnly ?? !local,
  }
}

/** The related documents' options, checked: whole numbers, the default within the maximum. */
function relatedDefaults(related: RetrievalPluginOptions['related']): RetrievalContext['related'] {
  const whole = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min)
      throw new Error(`retrievalPlugin: related.${name} must be a whole number of at least ${min}, not ${value}`)
    return value
  }
  const maxLimit = whole('maxLimit', related?.maxLimit ?? 10, 1)
  const defaultLimit = whole('defaultLimit', related?.defaultLimit ?? Math.min(3, maxLimit), 1)
  if (defaultLimit > maxLimit)
    throw new Error(`retrievalPlugin: related.defaultLimit (${defaultLimit}) is above related.maxLimit (${maxLimit})`)
  return {
    defaultLimit,
    disabled: Boolean(related?.disabled),
    maxLimit,
    terms: whole('terms', related?.terms ?? 16, 1),
  }
}
