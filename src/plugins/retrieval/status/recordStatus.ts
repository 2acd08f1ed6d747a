import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import type { SourceRef } from '../types'
import type { IndexState } from './collections'

import { collectionTable, databaseOf } from '../store/database'
import { statusSlug } from './collections'

export type StatusPatch = {
  chunks?: number
  embedded?: number
  error?: null | string
  indexedAt?: null | string
  state: IndexState
  title?: string
  url?: string
}

const where = (ref: SourceRef) => ({ source: { equals: ref.slug }, sourceId: { equals: ref.id } })

/** Creates or updates the index status of one document. */
export async function recordStatus(payload: Payload, ref: SourceRef, patch: StatusPatch): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const { docs } = await payload.find({ collection: statusSlug, depth: 0, limit: 1, overrideAccess: true, where: where(ref) })
    if (docs[0]) {
      await payload.update({ collection: statusSlug, data: patch, depth: 0, id: docs[0].id, overrideAccess: true })
      return
    }
    try {
      await payload.create({
        collection: statusSlug,
        data: { source: ref.slug, sourceId: ref.id, sourceKind: ref.kind, ...patch },
        depth: 0,
        overrideAccess: true,
      })
      return
    } catch (error) {
      // Another writer created it first (the unique index said no): update theirs.
      if (attempt > 0) throw error
    }
  }
}

/** The stored status of one document, if any. */
export async function readStatus(payload: Payload, ref: Pick<SourceRef, 'id' | 'slug'>) {
  const { docs } = await payload.find({ collection: statusSlug, depth: 0, limit: 1, overrideAccess: true, where: where(ref as SourceRef) })
  return docs[0] ?? null
}

export type StatusRecord = { patch: Required<Pick<StatusPatch, 'chunks' | 'embedded' | 'indexedAt' | 'state'>> & StatusPatch; ref: SourceRef }

/**
 * The outcome of indexing a batch, written in one statement: an upsert on the status collection's
 * table (found through the adapter, not named here) on its unique (source, sourceId) index. The
 * collection has no hooks to run: it is written by indexing alone. A title or URL left out keeps
 * the one stored.
 */
export async function recordStatuses(payload: Payload, records: StatusRecord[]): Promise<void> {
  if (records.length === 0) return
  const table = collectionTable(payload, statusSlug)
  const now = new Date().toISOString()
  const rows = records.map(({ patch, ref }) => ({
    chunks: String(patch.chunks),
    embedded: String(patch.embedded),
    error: patch.error ?? null,
    indexedAt: patch.indexedAt,
    source: ref.slug,
    sourceId: ref.id,
    sourceKind: ref.kind,
    state: patch.state,
    title: patch.title ?? null,
    updatedAt: now,
    url: patch.url ?? null,
  }))
  const excluded = (column: { name: string }) => sql.raw(`excluded."${column.name}"`)
  const keep = (column: { name: string }) => sql`coalesce(${excluded(column)}, ${column})`
  await databaseOf(payload)
    .insert(table)
    .values(rows)
    .onConflictDoUpdate({
      set: {
        chunks: excluded(table.chunks),
        embedded: excluded(table.embedded),
        error: excluded(table.error),
        indexedAt: excluded(table.indexedAt),
        sourceKind: excluded(table.sourceKind),
        state: excluded(table.state),
        title: keep(table.title),
        updatedAt: excluded(table.updatedAt),
        url: keep(table.url),
      },
      target: [table.source, table.sourceId],
    })
}
