import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { type RetrievalContext, storeTables } from '../context'
import { contentWords } from '../expansion/frameWords'
import { databaseOf, queryRows, regconfig } from '../store/database'
import { embedSearchQuery } from './embedSearchQuery'
import { expandQuery } from './expandQuery'
import { type Candidate, fullTextCandidates, type FullTextMatch } from './fullTextCandidates'
import { fuseRankings } from './fuseRankings'
import { highlightToHtml, markEnd, markStart } from './highlight'
import { rankByMeaning } from './rankByMeaning'
import { vectorCandidates } from './vectorCandidates'

export type SearchMode = 'fullText' | 'hybrid' | 'vector'

export type SearchOptions = {
  /** Candidates taken from each side before fusion. Default: four times `limit`, at least 50. */
  candidates?: number
  /** Only these collections or globals. */
  collections?: string[]
  /** Documents to return (one chunk each). Default 10. */
  limit?: number
  mode?: SearchMode
  /** Called with the stand-ins the full-text query used for words the index does not hold (none: not called). */
  onExpanded?: (expanded: FullTextMatch['expanded']) => void
  /**
   * Called when a hybrid search had to leave out the vector side (the query could not be embedded);
   * the results then come from full text alone. A `vector` search fails instead.
   */
  onDegraded?: (reason: string) => void
}

export type SearchHit = {
  /** The chunk's id in the index. */
  chunkId: number
  collection: string
  /** The share of the query's weight (idf) the chunk's words cover, from 0 to 1. */
  coverage: null | number
  /**
   * As `coverage`, with a query word that the index does not hold but a stand-in matched (a synonym,
   * a related word) counted at the stand-in's weight, below 1. Equals `coverage` when nothing was
   * expanded.
   */
  expandedCoverage: null | number
  /** The chunk's BM25 score, when it matched the words of the query. */
  fullTextScore: null | number
  heading: string
  id: string
  /** The page of the document's file the chunk is on (PDF files), else null; `url` then ends in `#page=N`. */
  page: null | number
  score: number
  /** Cosine similarity to the query, when the chunk was a nearest neighbour. */
  similarity: null | number
  /** An excerpt with the query's words in <mark>, as safe HTML. */
  snippet: string
  /** The whole chunk, for grounding an answer. */
  text: string
  title: string
  /** A word of the query occurs in the document's title or the chunk's headings. */
  titleMatch: boolean
  url: null | string
}

/** The share of a query's words that must have needed stand-ins for its candidates to be ordered by meaning too. */
const byMeaningFrom = 1

type ChunkRow = {
  heading: string
  id: number
  page: null | number
  snippet: null | string
  source_id: string
  source_slug: string
  text: string
  title: string
  url: null | string
}

/**
 * Hybrid search over the published chunks: BM25 full-text candidates and HNSW nearest neighbours,
 * fused by reciprocal rank, then grouped so each document appears once (with its best chunk). With
 * no embedding model configured, a hybrid search is a full-text one. The full-text side drops the
 * question's frame words and lets related words stand in for words the index does not hold
 * (`expandQuery`), when the plugin has an expander.
 */
export async function searchIndex(
  payload: Payload,
  context: RetrievalContext,
  query: string,
  options: SearchOptions = {},
): Promise<SearchHit[]> {
  if (context.storeProblem) throw new Error(context.storeProblem)
  const db = databaseOf(payload)
  const limit = Math.max(1, Math.min(options.limit ?? 10, 200))
  const mode = options.mode ?? 'hybrid'
  const candidates = options.candidates ?? Math.max(limit * 4, 50)
  const collections = options.collections?.length ? options.collections : undefined

  if (mode === 'vector' && !context.embedder)
    throw new Error('Vector search needs an embedding model, and none is configured.')

  let fullText: Candidate[] = []
  let lexemes: null | string[] = null
  if (mode !== 'vector') {
    const { expandedShare, expansions, text } = await expandQuery(db, context, query)
    const match = await fullTextCandidates(db, text, {
      collections,
      depth: context.postingsPerWord,
      expansions,
      expansionsPerWord: context.expansion?.termsPerWord,
      language: context.language,
      limit: candidates,
      tables: storeTables(context),
    })
    fullText = match.candidates
    lexemes = match.lexemes
    // Stand-ins find the right pages only loosely: when every word of the query needed them, meaning
    // reorders. Not when the index knows some of its words: SciFact lost 0.6 points of nDCG@10 with
    // reordering from half the words, 2.5 with any.
    if (expandedShare >= byMeaningFrom && expansions.words.length > 0 && context.expansion?.rankByMeaning) {
      fullText = await rankByMeaning(db, {
        candidates: fullText,
        chunks: context.table,
        expander: context.expansion.expander,
        query: contentWords(text),
      })
    }
    if (match.expanded.length > 0) options.onExpanded?.(match.expanded)
  }
  let vector: Candidate[] = []
  if (mode !== 'fullText' && context.embedder) {
    const { degraded, vector: embedding } = await embedSearchQuery(payload, context, query)
    if (!embedding) {
      if (mode === 'vector') throw new Error(degraded)
      options.onDegraded?.(degraded!)
    }
    // A query of stop words only embeds to the zero vector, which is near nothing.
    if (embedding?.some((value) => value !== 0)) {
      vector = await vectorCandidates(db, embedding, {
        collections,
        iterativeScan: context.iterativeScan,
        limit: candidates,
        model: context.model,
        table: context.table,
      })
    }
  }
  const fused = fuseRankings(
    fullText,
    vector,
    mode === 'vector' ? { ...context.fusion, vectorOnly: true } : context.fusion,
  )
  if (fused.length === 0) return []

  const config = regconfig(context.language)
  const top = fused.slice(0, limit)
  const rows = await queryRows<ChunkRow>(
    db,
    sql`
    select id, source_slug, source_id, title, url, page, heading, text,
      ts_headline(${config}, text,
        ${lexemes?.length ? sql`(select string_agg(quote_literal(t), ' | ') from unnest(${sql.param(lexemes)}::text[]) t)::tsquery` : sql`(select string_agg(quote_literal(u.lexeme), ' | ') from unnest(to_tsvector(${config}, ${query})) u)::tsquery`},
        ${`StartSel=${markStart}, StopSel=${markEnd}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
    from ${context.table} where id = any(${sql.param(top.map((entry) => entry.chunkId))}::int[])`,
  )
  const byId = new Map(rows.map((row) => [Number(row.id), row]))
  // A chunk deleted between the two queries drops out rather than failing the search.
  const chosen = top.flatMap((entry) => (byId.has(entry.chunkId) ? [{ entry, row: byId.get(entry.chunkId)! }] : []))

  return chosen.map(({ entry, row }) => ({
    chunkId: entry.chunkId,
    collection: row.source_slug,
    coverage: entry.coverage,
    expandedCoverage: entry.expandedCoverage,
    fullTextScore: entry.fullText,
    heading: row.heading,
    id: row.source_id,
    page: row.page === null ? null : Number(row.page),
    score: Math.round(entry.score * 1e6) / 1e6,
    similarity: entry.vector,
    snippet: highlightToHtml(row.snippet ?? row.text.slice(0, 240)),
    text: row.text,
    title: row.title,
    titleMatch: entry.titleMatch,
    url: row.url,
  }))
}
