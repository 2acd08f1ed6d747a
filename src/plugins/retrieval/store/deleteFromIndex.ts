import { and, eq } from '@payloadcms/db-postgres/drizzle'

import type { SourceRef } from '../types'
import type { ChunkTable } from './chunkTable'
import type { Database } from './database'

import { lockTextStatistics } from './lockTextStatistics'

/** Removes every chunk of one document; returns how many there were. */
export async function deleteFromIndex(db: Database, table: ChunkTable, ref: SourceRef): Promise<number> {
  return db.transaction(async (tx) => {
    await lockTextStatistics(tx as Database)
    const removed = await tx
      .delete(table)
      .where(and(eq(table.sourceSlug, ref.slug), eq(table.sourceId, ref.id)))
      .returning({ id: table.id })
    return removed.length
  })
}
