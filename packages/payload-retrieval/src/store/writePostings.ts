import type { ChunkTable, PostingsTable } from './chunkTable'
import type { Database } from './database'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { statsTable } from './chunkTable'

/** BM25's usual parameters: term-frequency saturation, and how much a chunk's length counts. */
export const bm25 = { b: 0.75, k1: 1.2 }

export type FieldWeights = { heading: number; title: number }

// As SQL literals: sent as parameters, PostgreSQL would take them for integers.
const literal = (value: number) => sql.raw(value.toFixed(4))

/**
 * Writes the postings of freshly inserted chunks (or of all chunks), from their tsvectors, in one statement. A posting's
 * impact is the lexeme's whole BM25 weight in the chunk but for the idf, which changes with every
 * write and is applied at query time: occurrences count by field (title A, heading B, text), are
 * saturated by k1 and normalised by the chunk's length against the average length at writing time.
 * The average moves little once a site has a few dozen chunks, and BM25 rankings tolerate that.
 */
export async function writePostings(
  tx: Database,
  tables: { chunks: ChunkTable; postings: PostingsTable },
  ids: 'all' | number[],
  weights: FieldWeights,
): Promise<void> {
  if (ids.length === 0) return
  const { b, k1 } = bm25
  await tx.execute(sql`
    with average as (
      select coalesce(sum(total_length)::float8 / nullif(sum(chunks), 0), 1) as length from ${statsTable}
    )
    insert into ${tables.postings} (term, chunk_id, impact, in_title)
    select u.lexeme, c.id,
      (u.tf * ${literal(k1 + 1)} / (u.tf + ${literal(k1)} * (${literal(1 - b)} + ${literal(b)} * c.doc_length / greatest(a.length, 1))))::real,
      u.in_title
    from ${tables.chunks} c cross join average a cross join lateral (
      select x.lexeme,
        (select sum(case w when 'A' then ${literal(weights.title)} when 'B' then ${literal(weights.heading)} else 1 end) from unnest(x.weights) as w)::float8 as tf,
        ('A' = any(x.weights) or 'B' = any(x.weights)) as in_title
      from unnest(c.search) x
    ) u
    ${ids === 'all' ? sql`` : sql`where c.id = any(${sql.param(ids)}::int[])`}`)
}
