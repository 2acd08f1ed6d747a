import type { ChunkTable } from './chunkTable'
import type { Database } from './database'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { statisticsShards, statsTable, termsTable } from './chunkTable'

/**
 * Adds the chunks `added` to BM25's statistics and takes `removed` out (before they are deleted), in
 * one statement. The counts go to this connection's shard, so writers on other connections never wait
 * for it; within a shard the term rows are locked in sorted order and the totals row last, the same
 * order in every transaction, so two writers that share a shard queue instead of deadlocking.
 */
export async function updateTextStatistics(
  tx: Database,
  chunks: ChunkTable,
  change: { added: number[]; removed: number[] },
): Promise<void> {
  if (change.added.length === 0 && change.removed.length === 0) return
  const shard = sql`(pg_backend_pid() % ${sql.raw(String(statisticsShards))})::smallint`
  await tx.execute(sql`
    with changed as (
      select c.doc_length, c.search, case when c.id = any(${sql.param(change.added)}::int[]) then 1 else -1 end as sign
      from ${chunks} c where c.id = any(${sql.param([...change.added, ...change.removed])}::int[])
    ), deltas as (
      select u.lexeme as term, sum(c.sign)::int as delta from changed c, unnest(c.search) u group by u.lexeme having sum(c.sign) <> 0
    ), terms as (
      insert into ${termsTable} as t (term, shard, df) select term, ${shard}, delta from deltas order by term
      on conflict (term, shard) do update set df = t.df + excluded.df
      returning 1
    )
    insert into ${statsTable} as s (shard, chunks, total_length)
    select ${shard}, sum(sign), sum(sign * doc_length) from changed, (select count(*) from terms) as terms_locked_first having count(*) > 0
    on conflict (shard) do update set chunks = s.chunks + excluded.chunks, total_length = s.total_length + excluded.total_length`)
}
