import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

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
  /** How much an occurrence in the title (A) and in a heading (B) counts against one in the text. */
  fieldWeights: { heading: number; title: number }
  language: string
  limit: number
}

// BM25's usual parameters: term-frequency saturation, and how much document length counts.
const k1 = 1.2
const b = 0.75
// As SQL literals: sent as parameters, PostgreSQL would take them for integers.
const literal = (value: number) => sql.raw(value.toFixed(4))

/**
 * BM25 over the chunk table, in SQL. PostgreSQL's ts_rank does not weigh rare terms above common
 * ones, so the statistics BM25 needs (document frequency per lexeme, chunk lengths) are kept by
 * triggers (see the retrieval migration) and the scores are computed from them here. Candidates are
 * the chunks that match any query lexeme (GIN index); each occurrence counts by its field (title,
 * heading or text), BM25F-style. Lexemes no chunk holds still count in the query's total weight, so
 * `coverage` tells a chunk that matches the query from one that shares a stray word with it.
 */
export async function fullTextCandidates(db: Database, query: string, options: FullTextOptions): Promise<Candidate[]> {
  const rows = await queryRows<{ coverage: number; document: string; id: number; score: number; title_match: boolean }>(db, fullTextQuery(query, options))
  return rows.map((row) => ({ coverage: Number(row.coverage), document: row.document, id: Number(row.id), score: Number(row.score), titleMatch: Boolean(row.title_match) }))
}

/** The SQL fullTextCandidates runs (exported so a benchmark can EXPLAIN the very same query). */
export function fullTextQuery(query: string, options: FullTextOptions): SQL {
  const config = regconfig(options.language)
  const filter = options.collections?.length ? sql`and c.source_slug = any(${sql.param(options.collections)}::text[])` : sql``
  return sql`
    with q as (
      select coalesce(array_agg(distinct u.lexeme), '{}') as lexemes from unnest(to_tsvector(${config}, ${query})) as u
    ), stats as (
      select chunks::float8 as n, greatest(total_length::float8 / nullif(chunks, 0), 1) as avgdl from retrieval_stats where id = 1
    ), query_terms as (
      select l.term, coalesce(t.df, 0) as df, ln(1 + (s.n - coalesce(t.df, 0) + 0.5) / (coalesce(t.df, 0) + 0.5)) as idf
      from q, unnest(q.lexemes) as l(term) left join retrieval_terms t on t.term = l.term cross join stats s
    ), terms as (
      select term, idf from query_terms where df > 0
    ), matches as (
      select c.id, c.source_slug, c.source_id, c.doc_length, c.search from retrieval_chunks c
      where c.search @@ (select string_agg(quote_literal(term), ' | ')::tsquery from terms) ${filter}
    )
    select m.id, m.source_slug || ':' || m.source_id as document,
      sum(t.idf * (u.tf * ${literal(k1 + 1)}) / (u.tf + ${literal(k1)} * (1 - ${literal(b)} + ${literal(b)} * m.doc_length / s.avgdl)))::float8 as score,
      (sum(t.idf) / nullif((select sum(idf) from query_terms), 0))::float8 as coverage,
      bool_or(u.in_title) as title_match
    from matches m
    cross join lateral (
      select x.lexeme,
        (select sum(case w when 'A' then ${literal(options.fieldWeights.title)} when 'B' then ${literal(options.fieldWeights.heading)} else 1 end)
         from unnest(x.weights) as w)::float8 as tf,
        ('A' = any(x.weights) or 'B' = any(x.weights)) as in_title
      from unnest(m.search) x
    ) u
    join terms t on t.term = u.lexeme
    cross join stats s
    group by m.id, m.source_slug, m.source_id
    order by score desc
    limit ${options.limit}`
}
