import type { StoreTables } from '../store/writeChunks'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { statsTable, termsTable } from '../store/chunkTable'
import { type Database, queryRows, regconfig } from '../store/database'
import { type Expansions, noExpansions } from './expandQuery'

export type Candidate = {
  /** Share of the query's weight (idf) that this chunk matches: 1 when it holds every query word. */
  coverage?: number
  /** `collection:id` of the chunk's source document. */
  document: string
  /** As `coverage`, with a word that only a stand-in matched counted at that stand-in's weight. */
  expandedCoverage?: number
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
  /** Words standing in for query words the index does not hold (see `expandQuery`). */
  expansions?: Expansions
  /** Stand-ins kept per query word: the strongest (by weight) of those the index holds. */
  expansionsPerWord?: number
  language: string
  limit: number
  tables: StoreTables
}

/** What a full-text search matched, besides its candidates. */
export type FullTextMatch = {
  candidates: Candidate[]
  /** Stand-ins the query used, as `{ word, for }`, strongest first. */
  expanded: Array<{ for: string; weight: number; word: string }>
  /** The lexemes scored (the query's own and the stand-ins'), for highlighting. */
  lexemes: string[]
}

/** A query's words beyond this many (the most common ones) do not pick candidates; they still count in `coverage`. */
export const maxQueryWords = 32

/**
 * The SQL of a BM25 query over the postings, in three steps that each read a bounded amount:
 *
 * 1. The query's lexemes, with their document frequencies (summed over the statistics' shards) and
 *    idf. Lexemes no chunk holds still count in the query's total weight, so `coverage` tells a
 *    chunk that matches the query from one that shares a stray word with it. Each lexeme is a group;
 *    a stand-in (an expansion) joins the group of the word it stands in for, with its weight, when
 *    the index holds it and it is among that word's `expansionsPerWord` strongest (by weight).
 * 2. Candidates: for each term, its `depth` highest-impact postings (the front of the
 *    (term, impact desc) index; a stand-in, a quarter as many); a chunk's score per group is its best term's (max, not sum: two
 *    stand-ins for one word do not outweigh the word), and the groups add up. A word held by no more
 *    than `depth` chunks is read whole, so on a site of that size this is exhaustive; past it, only
 *    a common word's weakest occurrences are left unread, and those carry the least weight in BM25.
 * 3. Exact BM25 for the best `limit` (at least 50) candidates: every term's posting of each
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
  const expansions = options.expansions ?? noExpansions()
  // `nulls last` as the index is built (drizzle's desc()): with any other null order PostgreSQL would
  // read a word's every posting and sort them instead of stopping after `depth`.
  // A stand-in reads a quarter of a word's postings: it counts at most 0.95 of a word, usually near
  // half, so its weakest occurrences rarely reach the best candidates, and reading them made a query
  // with stand-ins on a large index cost twice one without (SciFact copied to 50,000 chunks).
  const depth = sql`(case when t.grp = t.term then ${options.depth}::int else ${Math.max(1, Math.ceil(options.depth / 4))}::int end)`
  const front = filtered
    ? sql`select p.chunk_id, p.impact from ${postings} p join ${chunks} c on c.id = p.chunk_id where p.term = t.term and ${inCollections} order by p.impact desc nulls last limit ${depth}`
    : sql`select p.chunk_id, p.impact from ${postings} p where p.term = t.term order by p.impact desc nulls last limit ${depth}`
  const idf = (df: ReturnType<typeof sql>) => sql`ln(1 + (c.n - least(${df}, c.n) + 0.5) / (least(${df}, c.n) + 0.5))`
  return sql`
    with lexemes as (
      select distinct u.lexeme as term from unnest(to_tsvector(${config}, ${query})) as u
    ), frequencies as (
      select l.term, coalesce(sum(f.df), 0)::float8 as df from lexemes l left join ${termsTable} f on f.term = l.term group by l.term
    ), corpus as (
      select greatest(coalesce(sum(chunks), 0), 0)::float8 as n from ${statsTable}
    ), weights as (
      select f.term, f.df, ${idf(sql`f.df`)} as idf from frequencies f cross join corpus c
    ), offered as (
      select e.grp, x.lexeme as term, max(e.weight) as weight, min(e.word) as word
      from unnest(${sql.param(expansions.groups)}::text[], ${sql.param(expansions.words)}::text[], ${sql.param(expansions.weights)}::float8[]) as e(grp, word, weight)
      cross join lateral unnest(to_tsvector(${config}, e.word)) as x
      where e.grp in (select term from lexemes) and x.lexeme not in (select term from lexemes)
      group by e.grp, x.lexeme
    ), standins as (
      -- The strongest stand-ins, the commoner first among equals: a rare word that is only loosely
      -- related would otherwise win on idf alone.
      select grp, term, weight, word, idf from (
        select o.*, ${idf(sql`s.df`)} as idf,
          row_number() over (partition by o.grp order by o.weight desc, s.df desc, o.term) as rank
        from offered o cross join corpus c
        cross join lateral (select coalesce(sum(f.df), 0)::float8 as df from ${termsTable} f where f.term = o.term) s
        where s.df > 0
      ) ranked where rank <= ${options.expansionsPerWord ?? 8}
    ), terms as (
      (select term as grp, term, 1.0::float8 as weight, idf from weights where df > 0 order by idf desc limit ${maxQueryWords})
      union all
      select grp, term, weight, idf from standins
    ), front as (
      select p.chunk_id, t.grp, t.weight * t.idf * p.impact as part from terms t cross join lateral (${front}) p
    ), best as (
      select chunk_id from (select chunk_id, max(part) as part from front group by chunk_id, grp) g
      group by chunk_id order by sum(part) desc limit ${rescore}
    ), scored as (
      -- Per candidate, so that the planner probes the primary key rather than reading whole words.
      select b.chunk_id, s.score, s.matched, s.expanded, s.title_match from best b cross join lateral (
        select sum(g.part) as score, sum(g.own * w.idf) as matched, sum(g.weight * w.idf) as expanded, bool_or(g.title_match) as title_match
        from (
          select t.grp, max(t.weight * t.idf * p.impact) as part, max(t.weight) as weight,
            max(case when t.grp = t.term then 1 else 0 end) as own, bool_or(p.in_title and t.grp = t.term) as title_match
          from terms t join ${postings} p on p.chunk_id = b.chunk_id and p.term = t.term
          group by t.grp
        ) g join weights w on w.term = g.grp
      ) s
    ), total as (
      select nullif(sum(idf), 0) as idf from weights
    )
    select c.id, c.source_slug || ':' || c.source_id as document, s.score::float8 as score,
      (s.matched / (select idf from total))::float8 as coverage, (s.expanded / (select idf from total))::float8 as expanded_coverage,
      s.title_match, (select json_agg(json_build_object('grp', grp, 'term', term, 'weight', weight, 'word', word) order by weight * idf desc) from standins) as standins,
      (select array_agg(term) from terms) as lexemes
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
export async function fullTextCandidates(
  db: Database,
  query: string,
  options: FullTextOptions,
): Promise<FullTextMatch> {
  type Row = {
    coverage: number
    document: string
    expanded_coverage: number
    id: number
    lexemes: null | string[]
    score: number
    standins: null | Array<{ grp: string; weight: number; word: string }>
    title_match: boolean
  }
  const rows = await queryRows<Row>(db, fullTextQuery(query, options))
  const sourceOf = new Map(
    (options.expansions?.groups ?? []).map((group, i) => [group, options.expansions!.sources[i]]),
  )
  return {
    candidates: rows.map((row) => ({
      coverage: Number(row.coverage),
      document: row.document,
      expandedCoverage: Number(row.expanded_coverage),
      id: Number(row.id),
      score: Number(row.score),
      titleMatch: Boolean(row.title_match),
    })),
    expanded: (rows[0]?.standins ?? []).map((standin) => ({
      for: sourceOf.get(standin.grp) ?? standin.grp,
      weight: Number(standin.weight),
      word: standin.word,
    })),
    lexemes: rows[0]?.lexemes ?? [],
  }
}
