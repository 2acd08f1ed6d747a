import type { Payload } from 'payload'

import type { SourceRef } from '../types'
import type { IndexState } from './collections'

import { sql } from '@payloadcms/db-postgres/drizzle'

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

/** Creates or updates the index status of one document (see recordStatuses). */
export const recordStatus = (payload: Payload, ref: SourceRef, patch: StatusPatch): Promise<void> =>
  recordStatuses(payload, [{ patch, ref }])

/** The stored status of one document, if any. */
export async function readStatus(payload: Payload, ref: Pick<SourceRef, 'id' | 'slug'>) {
  const { docs } = await payload.find({
    collection: statusSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    where: where(ref as SourceRef),
  })
  return docs[0] ?? null
}

export type StatusRecord = { patch: StatusPatch; ref: SourceRef }

// The patch's fields as the status table's values (its numbers are numeric columns, written as text).
const values = (patch: StatusPatch): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(patch)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, (key === 'chunks' || key === 'embedded') && value !== null ? String(value) : value]),
  )

/**
 * Index states, created or updated in one upsert per set of fields given (a batch's outcomes share
 * one), on the status collection's table (found through the adapter, not named here) and its unique
 * (source, sourceId) index, so concurrent writers of one row cannot both create it. Fields a patch
 * leaves out keep their stored value (or the column's default in a new row). The collection has no
 * hooks to run: it is written by indexing alone.
 */
export async function recordStatuses(payload: Payload, records: StatusRecord[]): Promise<void> {
  const table = collectionTable(payload, statusSlug)
  const updatedAt = new Date().toISOString()
  const groups = new Map<string, Record<string, unknown>[]>()
  for (const { patch, ref } of records) {
    const row = { ...values(patch), source: ref.slug, sourceId: ref.id, sourceKind: ref.kind, updatedAt }
    const fields = Object.keys(row).sort().join(',')
    groups.set(fields, [...(groups.get(fields) ?? []), row])
  }
  for (const rows of groups.values()) {
    const set = Object.fromEntries(
      Object.keys(rows[0])
        .filter((key) => key !== 'source' && key !== 'sourceId')
        .map((key) => [key, sql.raw(`excluded."${(table[key] as { name: string }).name}"`)]),
    )
    await databaseOf(payload)
      .insert(table)
      .values(rows)
      .onConflictDoUpdate({ set, target: [table.source, table.sourceId] })
  }
}
