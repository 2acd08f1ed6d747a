import type { PayloadRequest } from 'payload'

import type { IndexedListener } from './indexing/afterDocumentIndexed'

/** Turns texts into vectors. Implementations: `createLocalEmbedder`, `createOpenAIEmbedder`. */
export type Embedder = {
  dimensions: number
  embed: (texts: string[]) => Promise<number[][]>
  /**
   * One search query. Searches cannot wait out retries the way indexing jobs can, so an embedder that
   * calls a server should fail fast here (no retries, a short timeout); search then goes on with full
   * text alone. Default: `embed`.
   */
  embedQuery?: (text: string) => Promise<number[]>
  /** Stored with every chunk; a chunk embedded by another model is embedded again. */
  id: string
}

/**
 * One part of a document's text. `field` reads a top-level field: plain text, lexical rich text, or
 * (with `pick`) the names of related documents, e.g. a project's skills; `format` turns any other
 * value (an array of links, say) into text. `label` prefixes the text, as in "Skills: …".
 */
export type FieldSource = string | { field: string; format?: (value: unknown) => string; label?: string; pick?: string }

export type SourceOptions = {
  /** The fields that make the document's text, in order. */
  fields: FieldSource[]
  /**
   * The collection is an upload collection whose file is part of the text: after the fields come
   * the file's (PDF by page, Word and Markdown by heading, plain text by paragraph), read in the
   * indexing job, never in the upload request. A file that yields no text (encrypted, corrupt, only
   * images) leaves the fields indexed and the document's index state `failed` with the reason.
   * Chunks from a PDF page cite the page: the document's URL with `#page=N`.
   * @default false
   */
  file?: boolean
  /** The title cited for the document. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the host's document, of the host's own type
  title: (doc: Record<string, any>) => string
  /** The public URL of the document, for citations. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- likewise
  url: (doc: Record<string, any>) => string
}

export type RetrievalAccessArgs = { collection?: string; req: PayloadRequest }

export type RetrievalPluginOptions = {
  access?: {
    /** Who may start a bulk reindex. Default: nobody but a user the app says is an admin. */
    reindex?: (args: RetrievalAccessArgs) => boolean | Promise<boolean>
    /** Who may re-queue one document (`collection` is its collection or global). Default: signed-in users. */
    requeue?: (args: RetrievalAccessArgs) => boolean | Promise<boolean>
    /**
     * Who may read index states. Default: signed-in users. Each reader then sees only the states of
     * documents their source collection's (or global's) read access lets them read.
     */
    status?: (args: RetrievalAccessArgs) => boolean | Promise<boolean>
  }
  /** Run queued indexing jobs in this process (a cron every second). Default true. */
  autoRun?: boolean
  chunking?: { maxChars?: number; overlapChars?: number }
  collections: Record<string, SourceOptions>
  /**
   * When a document that indexed documents show changes (a skill renamed), those documents are
   * queued for indexing too; they are looked up this many per query.
   * @default 100
   */
  dependentsPageSize?: number
  /**
   * The size of the index's vector column, used when no `embedder` is set (with one, its
   * `dimensions`). Keep it the size of the model you mean to configure, so that adding one needs no
   * migration.
   * @default 1536
   */
  dimensions?: number
  /** Keep the schema (table, collections, job definitions) but do nothing: no hooks, jobs or endpoints. */
  disabled?: boolean
  /**
   * The embedding model for semantic (vector) search. Without one, chunks are stored without vectors
   * and search is full text only: no embedding calls, no HNSW index upkeep. Setting one later and
   * reindexing embeds every chunk. The local hashing embedder (`createLocalEmbedder`) can be set but
   * sees only shared words, which BM25 weighs better (measured on SciFact).
   * @default undefined (full-text search only)
   */
  embedder?: Embedder
  /**
   * Query expansion: words that may stand in for a query word the index does not hold ("hospitals"
   * on a site that says "clinics"), from an expander such as `createLexicalExpander` (WordNet and
   * word vectors, offline). A stand-in counts at its weight (below the word's own 1); only the best
   * `termsPerWord` of those the index holds are used; a word held by more than
   * `maxDocumentFrequency` chunks is never expanded (on a large corpus, expanding words it knows
   * costs precision). With `rankByMeaning` and an expander that has word vectors, a query that
   * needed stand-ins has its candidates reordered by how close each page's meaning is to it
   * (`rankByMeaning` in search/). Defaults: termsPerWord 8, maxDocumentFrequency 2, rankByMeaning
   * true; measured on a portfolio's evaluation set and on SciFact.
   * @default undefined (no expansion)
   */
  expansion?: { expander: QueryExpander; maxDocumentFrequency?: number; rankByMeaning?: boolean; termsPerWord?: number }
  /**
   * Words that frame a question rather than name its subject ("have you built anything for…"),
   * dropped from full-text queries. Set `[]` to keep every word.
   * @default questionFrameWords (English) when `language` is 'english', else []
   */
  frameWords?: string[]
  /**
   * Limits on reading uploaded files (sources with `file`): files larger than `maxBytes` are not
   * read, PDF pages past `maxPages` are left out (the state says so), and reading stops after
   * `timeoutMs`, keeping the pages read by then. PDFs are read in a worker thread whose heap may
   * grow to `maxMemoryMb`; one that needs more is unreadable. Each leaves the document's fields
   * indexed.
   * @default { maxBytes: 20 MB, maxMemoryMb: 512, maxPages: 500, timeoutMs: 60000 }
   */
  files?: { maxBytes?: number; maxMemoryMb?: number; maxPages?: number; timeoutMs?: number }
  /** Texts sent to the embedder in one call. Default 64. */
  embedBatchSize?: number
  /** In full-text ranking, how much a word in the title or in a heading counts against one in the text. */
  fieldWeights?: { heading?: number; title?: number }
  /**
   * Reciprocal rank fusion of the full-text and vector document rankings. Default: equal weights and
   * k 60 with a trained model; with the local embedder, vector 0.1 and k 10, so full-text ranking leads.
   * `vectorOnly`: whether documents that only the vector side found may appear (default: with a
   * trained model, yes; with the local embedder, no: the vector side then only reorders).
   */
  fusion?: { fullText?: number; k?: number; vector?: number; vectorOnly?: boolean }
  globals?: Record<string, SourceOptions>
  /** PostgreSQL text search configuration. Default 'english'. */
  language?: string
  /**
   * Full-text search reads at most this many postings per query word, strongest first, then scores
   * the best candidates exactly. Search is exhaustive (exact BM25) while no word occurs in more
   * chunks than this; beyond, a common word's weakest occurrences are not read, which keeps every
   * query's cost bounded whatever the size of the index.
   * @default 1000
   */
  postingsPerWord?: number
  /**
   * Bytes in a request body to the plugin's endpoints (a search carries none, unless it is a POST with
   * X-HTTP-Method-Override: GET); larger ones get 413 before they are parsed, by Content-Length or
   * counted as a chunked body arrives. Payload itself parses an overriding POST's JSON before any
   * endpoint runs, so the host should bound bodies too, in the server in front of it.
   * @default 65536 (64 KB)
   */
  maxBodyBytes?: number
  /**
   * Called each time a document's indexing job (the one a save queues) has committed its chunks,
   * with the document, what the job did (`result.changed`: chunks were written or removed), when the
   * save queued it and who saved. For a host that caches pages showing what the index answers
   * (related documents): the save's own hooks run before its indexing job, so such a page rendered
   * between the two shows the index as it was. The same listeners as `afterDocumentIndexed` (a later
   * plugin's); one that throws is logged and never fails the job. Bulk reindexing does not call it.
   * @default undefined
   */
  onIndexed?: IndexedListener
  /**
   * Related documents: `GET /api/related?collection=…&id=…&limit=…` and `findRelated` (for the host's
   * own pages) answer the published documents closest to one published document of an indexed
   * collection, each with the chunk that made it close. With a trained embedding model, the nearest
   * chunks to the mean of the document's stored vectors (no embedding call); otherwise BM25 for a
   * query of the document's own `terms` most distinctive words. The endpoint is public, shares
   * `/api/search`'s rate limit (`searchRateLimit`, the same bucket per address) and answers 404 for a
   * document a visitor cannot read, a draft included. `disabled` adds no endpoint; `findRelated`
   * still answers the host's own calls.
   * @default { defaultLimit: 3, disabled: false, maxLimit: 10, terms: 16 }
   */
  related?: {
    /**
     * Results when a request names no `limit`.
     * @default 3
     */
    defaultLimit?: number
    /**
     * No `/api/related` endpoint.
     * @default false
     */
    disabled?: boolean
    /**
     * The most results one request may ask for.
     * @default 10
     */
    maxLimit?: number
    /**
     * How many of the document's most distinctive words (by their weight in it times their idf) make
     * the offline query. More finds neighbours that share side topics; fewer keeps to the main one.
     * @default 16
     */
    terms?: number
  }
  /** Requests to /api/search per client address. Default 60 a minute. */
  searchRateLimit?: { limit: number; windowSeconds: number }
  /**
   * The visitor's address, for the rate limits (search's, and the chat's through `clientAddressOf`),
   * read from a request. Only the host knows which header its proxy sets and overwrites: a header a
   * visitor can set themselves would let them pick their own bucket. `addressFromHeader('x-real-ip')`
   * reads one such header. Without it every visitor shares one bucket, and the plugin says so at
   * start-up.
   * @default undefined (one bucket for everyone)
   */
  clientAddress?: (req: { headers: Headers }) => null | string | undefined
  /**
   * Collections that must never be indexed, whatever `collections` says: those that hold private
   * data (permissions, an audit trail). Auth collections, Payload's own (`payload-*`) and this
   * plugin's are refused anyway.
   * @default []
   */
  neverIndex?: string[]
  /**
   * How a failed indexing job is retried: `attempts` with exponential backoff from `delayMs`; after
   * that, the document is queued again on the `retryFailedCron` schedule (a cron with seconds,
   * default every 5 minutes), so the index converges after an outage of any length.
   */
  retries?: { attempts?: number; delayMs?: number; retryFailedCron?: string }
}

/** A word that may stand in for another, and how strongly (0 to 1, the word itself being 1). */
export type RelatedWord = { weight: number; word: string }

/** Where query expansion finds related words (see `createLexicalExpander`). */
export type QueryExpander = {
  id: string
  /** Words related to `word` (lowercase), strongest first. */
  related: (word: string) => Promise<RelatedWord[]> | RelatedWord[]
  /**
   * A text's meaning as a unit vector (word vectors averaged), to rank candidates by when a query had
   * words the index does not hold; null when the expander has no vectors or knows none of the words.
   */
  vectorOf?: (text: string) => Promise<Float32Array | null>
  /** Loads the expander's resources ahead of the first query. */
  warm?: () => Promise<void>
}

/** A document's text, cut into pieces that carry their place in it. */
export type Chunk = {
  hash: string
  /** Headings above the text, joined with " › " (empty at the top of the document). */
  heading: string
  index: number
  /** The page of the file the text is on (PDF files); none for text from fields and other files. */
  page?: number
  text: string
}

/** Where a chunk comes from: a collection document, or a global (its slug doubles as the id). */
export type SourceRef = { id: string; kind: 'collection' | 'global'; slug: string }
