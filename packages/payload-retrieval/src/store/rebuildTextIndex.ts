import type { Database } from './database'
import type { StoreTables } from './writeChunks'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { statsTable, termsTable } from './chunkTable'
import { type FieldWeights, writePostings } from './writePostings'

/**
 * Builds the full-text index again from the chunks' tsvectors: exact statistics (in one shard) and
 * every posting's impact from today's average chunk length. For the migration that introduced the
 * postings, for rows copied in bulk with SQL (the benchmarks), and after changing the field weights.
 * Writers wait for it (the chunk table is locked against changes); searches go on reading the old
 * index until it commits.
 */
export async function rebuildTextIndex(db: Database, tables: StoreTables, weights: FieldWeights): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${tables.chunks} in share mode`)
    await tx.execute(sql`truncate ${tables.postings}, ${termsTable}, ${statsTable}`)
    await tx.execute(sql`
      insert into ${termsTable} (term, shard, df)
      select u.lexeme, 0, count(*) from ${tables.chunks} c, unnest(c.search) u group by u.lexeme`)
    await tx.execute(sql`
      insert into ${statsTable} (shard, chunks, total_length) select 0, count(*), coalesce(sum(doc_length), 0) from ${tables.chunks}`)
    await writePostings(tx as Database, tables, 'all', weights)
  })
}
