import { sql } from '@payloadcms/db-postgres/drizzle'

import type { StoreTables } from '../store/writeChunks'

import { statsTable, termsTable } from '../store/chunkTable'
import { type Database, queryRows, regconfig } from '../store/database'

export type Candidate = {
  /** Share of the query's weight (idf) that this chunk matches: 1 when it holds every query word. */
  coverage?: number
  /** `collection:id` of the chunk's source document. */
  document: string
  id: number
  score: number
  /** A query word occurs in the document's title or the chunk's headings. */
  titleMatch?: boolean
}

export type FullTextOptions = {
  /** Restrict to these sources (collection or global slugs). */
  collections?: string[]
  /** Postings read per query word, best first (see `postingsPerWord` in the plugin's options). */
  depth: number
  language: string
  limit: number
  tables: StoreTables
}

/** A query's words beyond this many (the most common ones) do not pick candidates; they still count in `coverage`. */
export const maxQueryWords = 32

/**
 * The SQL of a BM25 query over the postings, in three steps that each read a bounded amount:
 *
 * 1. The query's lexemes, with their document frequencies (summed over the statistics' shards) and
 *    idf. Lexemes no chunk holds still count in the query's total weight, so `coverage` tells a
 *    chunk that matches the query from one that shares a stray word with it.
 * 2. Candidates: for each word, its `depth` highest-impact postings (the front of the
 *    (term, impact desc) index), summed per chunk. A word held by no more than `depth` chunks is
 *    read whole, so on a site of that size this is exhaustive; past it, only a common word's weakest
 *    occurrences are left unread, and those carry the least weight in BM25.
 * 3. Exact BM25 for the best `limit` (at least 50) candidates: every query word's posting of each
 *    (primary-key probes), so the order among them is the true one.
 *
 * Exported so the benchmarks can EXPLAIN the very query that search runs.
 */
export function fullTextQuery(query: string, options: FullTextOptions) {
  const config = regconfig(options.language)
  const { chunks, postings } = options.tables
  const filtered = Boolean(options.collections?.length)
  const inCollections = sql`c.source_slug = any(${sql.param(options.collections ?? [])}::text[])`
  const rescore = Math.max(options.limit, 50)
  // `nulls last` as the index is built (drizzle's desc()): with any other null order PostgreSQL would
  // read a word's every posting and sort them instead of stopping after `depth`.
  const front = filtered
    ? sql`select p.chunk_id, p.impact from ${postings} p join ${chunks} c on c.id = p.chunk_id where p.term = t.term and ${inCollections} order by p.impact desc nulls last limit ${options.depth}`
    : sql`select p.chunk_id, p.impact from ${postings} p where p.term = t.term order by p.impact desc nulls last limit ${options.depth}`
  return sql`
    with lexemes as (
      select distinct u.lexeme as term from unnest(to_tsvector(${config}, ${query})) as u
    ), frequencies as (
      select l.term, coalesce(sum(f.df), 0)::float8 as df from lexemes l left join ${termsTable} f on f.term = l.term group by l.term
    ), corpus as (
      select greatest(coalesce(sum(chunks), 0), 0)::float8 as n from ${statsTable}
    ), weights as (
      select f.term, f.df, ln(1 + (c.n - least(f.df, c.n) + 0.5) / (least(f.df, c.n) + 0.5)) as idf from frequencies f cross join corpus c
    ), terms as (
      select term, idf from weights where df > 0 order by idf desc limit ${maxQueryWords}
    ), front as (
      select p.chunk_id, t.idf * p.impact as part from terms t cross join lateral (${front}) p
    ), best as (
      select chunk_id from front group by chunk_id order by sum(part) desc limit ${rescore}
    ), scored as (
      -- Per candidate, so that the planner probes the primary key rather than reading whole words.
      select b.chunk_id, s.score, s.matched, s.title_match from best b cross join lateral (
        select sum(t.idf * p.impact) as score, sum(t.idf) as matched, bool_or(p.in_title) as title_match
        from terms t join ${postings} p on p.chunk_id = b.chunk_id and p.term = t.term
      ) s
    )
    select c.id, c.source_slug || ':' || c.source_id as document, s.score::float8 as score,
      (s.matched / nullif((select sum(idf) from weights), 0))::float8 as coverage, s.title_match
    from scored s join ${chunks} c on c.id = s.chunk_id
    order by s.score desc, c.id
    limit ${options.limit}`
}

/**
 * BM25 over the postings table. PostgreSQL's ts_rank does not weigh rare terms above common ones, so
 * the index keeps BM25's pieces itself (per-chunk impacts, document frequencies, lengths) and the
 * query reads each word's strongest postings first (see `fullTextQuery`); each occurrence counts by
 * its field (title, heading or text), BM25F-style.
 */
export async function fullTextCandidates(db: Database, query: string, options: FullTextOptions): Promise<Candidate[]> {
  const rows = await queryRows<{ coverage: number; document: string; id: number; score: number; title_match: boolean }>(db, fullTextQuery(query, options))
  return rows.map((row) => ({ coverage: Number(row.coverage), document: row.document, id: Number(row.id), score: Number(row.score), titleMatch: Boolean(row.title_match) }))
}
