import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import { type Database, queryRows, regconfig } from '../packages/payload-retrieval/src/store/database'

/**
 * The "stock PostgreSQL full text" baseline: `@@` over the GIN index on `search`, ranked by
 * `ts_rank`, with the query's lexemes OR-ed (websearch_to_tsquery ANDs them, and a whole claim then
 * matches nothing). Documents are ranked by their best
 * chunk, so `limit` documents come back, as from our search.
 */
export async function fullTextBaselineSearch(
  db: Database,
  language: string,
  query: string,
  limit: number,
): Promise<string[]> {
  const rows = await queryRows<{ source_id: string }>(db, fullTextBaselineQuery(language, query, limit))
  return rows.map((row) => row.source_id)
}

/** The baseline's SQL (for EXPLAIN too). */
export function fullTextBaselineQuery(language: string, query: string, limit: number): SQL {
  const config = regconfig(language)
  // As a scalar subquery the tsquery is one value computed before the scan (an InitPlan), the form
  // fullTextCandidates uses, so the planner may match it through the GIN index.
  const q = sql`(select string_agg(quote_literal(u.lexeme), ' | ')::tsquery from unnest(to_tsvector(${config}, ${query})) as u)`
  return sql`
    select source_id, max(ts_rank(search, ${q})) as rank
    from retrieval_chunks
    where search @@ ${q}
    group by source_id
    order by rank desc
    limit ${limit}`
}

/**
 * The GIN index the baseline needs. Our search reads the postings, so the store no longer keeps one;
 * made once after loading (the copies that grow the table maintain it).
 */
export async function createBaselineGinIndex(db: Database): Promise<void> {
  await db.execute(sql`create index if not exists bench_search_gin_idx on retrieval_chunks using gin (search)`)
}
