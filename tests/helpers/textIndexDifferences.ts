import { sql } from '@payloadcms/db-postgres/drizzle'

import { type Database, queryRows } from '../../packages/payload-retrieval/src/store/database'

/**
 * Compares the full-text index with the chunks it was built from, and returns the differences (none
 * when it is exact): each term's document frequency summed over the statistics' shards, the chunk
 * count and total length, one posting per (chunk, lexeme) with the title flag its tsvector says,
 * a positive impact on each, and each chunk's length in indexed words.
 */
export async function textIndexDifferences(db: Database): Promise<string[]> {
  const differences: string[] = []
  const terms = await queryRows<{ actual: null | number; kept: null | number; term: string }>(
    db,
    sql`
    with actual as (
      select u.lexeme as term, count(*)::int as df from retrieval_chunks c, unnest(c.search) u group by u.lexeme
    ), kept as (
      select term, sum(df)::int as df from retrieval_terms group by term having sum(df) <> 0
    )
    select coalesce(a.term, k.term) as term, a.df as actual, k.df as kept
    from actual a full join kept k on k.term = a.term
    where a.df is distinct from k.df
    limit 20`,
  )
  for (const row of terms)
    differences.push(`term "${row.term}": held by ${row.actual ?? 0} chunk(s), statistics say ${row.kept ?? 0}`)

  const [totals] = await queryRows<{ chunks: number; kept_chunks: number; kept_length: number; length: number }>(
    db,
    sql`
    select (select count(*)::int from retrieval_chunks) as chunks, (select coalesce(sum(doc_length), 0)::int from retrieval_chunks) as length,
      (select coalesce(sum(chunks), 0)::int from retrieval_stats) as kept_chunks, (select coalesce(sum(total_length), 0)::int from retrieval_stats) as kept_length`,
  )
  if (totals.chunks !== totals.kept_chunks)
    differences.push(`${totals.chunks} chunks, statistics say ${totals.kept_chunks}`)
  if (totals.length !== totals.kept_length)
    differences.push(`total length ${totals.length}, statistics say ${totals.kept_length}`)

  const postings = await queryRows<{ chunk_id: number; problem: string; term: string }>(
    db,
    sql`
    with expected as (
      select c.id as chunk_id, u.lexeme as term, ('A' = any(u.weights) or 'B' = any(u.weights)) as in_title from retrieval_chunks c, unnest(c.search) u
    )
    select coalesce(e.chunk_id, p.chunk_id) as chunk_id, coalesce(e.term, p.term) as term,
      case when p.chunk_id is null then 'missing' when e.chunk_id is null then 'stray' when p.in_title <> e.in_title then 'wrong title flag' else 'impact ' || p.impact end as problem
    from expected e full join retrieval_postings p on p.chunk_id = e.chunk_id and p.term = e.term
    where p.chunk_id is null or e.chunk_id is null or p.in_title <> e.in_title or not (p.impact > 0)
    limit 20`,
  )
  for (const row of postings) differences.push(`posting (${row.chunk_id}, "${row.term}"): ${row.problem}`)

  const [lengths] = await queryRows<{ wrong: number }>(
    db,
    sql`
    select count(*)::int as wrong from retrieval_chunks c
    where c.doc_length <> coalesce((select sum(array_length(u.positions, 1)) from unnest(c.search) u), 0)`,
  )
  if (lengths.wrong > 0) differences.push(`${lengths.wrong} chunk(s) with a wrong doc_length`)
  return differences
}
