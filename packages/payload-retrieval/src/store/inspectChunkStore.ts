import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { chunkTableName } from './chunkTable'
import { databaseOf, queryRows } from './database'

export type StoreReport = {
  /** The table is not there yet (migrations pending). */
  missing?: boolean
  otherModels: { chunks: number; model: string }[]
  /** The installed pgvector's version. */
  pgvectorVersion?: string
  problem?: string
  storedDimensions?: number
}

/**
 * Compares the chunk table with the embedder: the vector column's size must match the embedder's
 * (a mismatch is a problem that stops indexing and search until it is fixed), and chunks embedded by
 * another model (or stored without a vector, or with one no longer wanted) are reported (a reindex
 * stores them again).
 */
export async function inspectChunkStore(payload: Payload, context: RetrievalContext): Promise<StoreReport> {
  const db = databaseOf(payload)
  const [column] = await queryRows<{ type: string }>(
    db,
    sql`
    select format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
    where a.attrelid = to_regclass(${chunkTableName}) and a.attname = 'embedding' and not a.attisdropped`,
  )
  const type = column?.type
  if (!type) return { missing: true, otherModels: [] }

  const storedDimensions = Number(/\((\d+)\)/.exec(type)?.[1])
  const id = context.embedder?.id ?? context.model
  const [extension] = await queryRows<{ extversion: string }>(
    db,
    sql`select extversion from pg_extension where extname = 'vector'`,
  )
  const report: StoreReport = { otherModels: [], pgvectorVersion: extension?.extversion, storedDimensions }
  const dimensions = context.embedder?.dimensions ?? storedDimensions
  if (storedDimensions !== dimensions) {
    report.problem =
      `The search index stores ${storedDimensions}-dimension vectors, but the embedder ${id} makes ${dimensions}. ` +
      `Either set the embedder back to ${storedDimensions} dimensions, or change the index: call \`resizeVectors(args)\` ` +
      'from a new migration of your own (it empties the index and gives the vector column the new size), run the ' +
      'migrations, then reindex everything (`reindexEverything(payload)`, or `POST /api/retrieval/reindex` as an administrator).'
    return report
  }
  const models = await queryRows<{ chunks: string; model: string }>(
    db,
    sql`select model, count(*) as chunks from ${context.table} where model <> ${id} group by model`,
  )
  report.otherModels = models.map((row) => ({ chunks: Number(row.chunks), model: row.model }))
  return report
}

/** Throws with the store's problem, if it has one (used at start-up and before indexing or searching). */
export async function assertChunkStore(payload: Payload, context: RetrievalContext): Promise<void> {
  const report = await inspectChunkStore(payload, context)
  if (report.missing)
    throw new Error(
      `The ${chunkTableName} table does not exist: call \`retrievalMigration.up\` from one of your migrations and run them.`,
    )
  if (report.problem) throw new Error(report.problem)
}
