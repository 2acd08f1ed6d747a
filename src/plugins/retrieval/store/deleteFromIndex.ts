import { and, eq, inArray, sql } from '@payloadcms/db-postgres/drizzle'

import type { SourceRef } from '../types'
import type { ChunkTable } from './chunkTable'
import type { Database } from './database'

import { indexKey } from '../context'
import { updateTextStatistics } from './updateTextStatistics'

/** Removes every chunk of one document (their postings go with them); returns how many there were. */
export async function deleteFromIndex(db: Database, table: ChunkTable, ref: SourceRef): Promise<number> {
  return db.transaction(async (tx) => {
    // The document's write lock (see writeChunks): the statistics must count each removal once.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${indexKey(ref)}))`)
    const rows = await tx.select({ id: table.id }).from(table).where(and(eq(table.sourceSlug, ref.slug), eq(table.sourceId, ref.id)))
    const removed = rows.map((row) => row.id)
    await updateTextStatistics(tx as Database, table, { added: [], removed })
    if (removed.length > 0) await tx.delete(table).where(inArray(table.id, removed))
    return removed.length
  })
}
