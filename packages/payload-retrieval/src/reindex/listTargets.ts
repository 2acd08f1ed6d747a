import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { sourceKey } from '../context'
import { collectionStore } from '../store/collectionStore'
import { databaseOf, queryRows } from '../store/database'

/**
 * Everything a full reindex must look at, in a stable order: every document of every indexed
 * collection (drafts and trashed ones too, whose chunks must go), the indexed globals, and any
 * document that still has chunks although it no longer exists.
 */
export async function listTargets(payload: Payload, context: RetrievalContext): Promise<SourceRef[]> {
  const targets: SourceRef[] = []
  const seen = new Set<string>()
  const add = (ref: SourceRef) => {
    if (!seen.has(sourceKey(ref))) {
      seen.add(sourceKey(ref))
      targets.push(ref)
    }
  }
  for (const source of context.sources.values()) {
    if (source.kind === 'global') {
      add({ id: source.slug, kind: 'global', slug: source.slug })
      continue
    }
    for (let page = 1; ; page++) {
      const result = await collectionStore(source.slug).find(payload, {
        depth: 0,
        limit: 500,
        overrideAccess: true,
        page,
        sort: 'id',
        trash: true,
      })
      for (const doc of result.docs) add({ id: String(doc.id), kind: 'collection', slug: source.slug })
      if (!result.hasNextPage) break
    }
  }
  const stored = await queryRows<{ source_id: string; source_kind: SourceRef['kind']; source_slug: string }>(
    databaseOf(payload),
    sql`select distinct source_kind, source_slug, source_id from ${context.table} order by source_slug, source_id`,
  )
  for (const row of stored) add({ id: row.source_id, kind: row.source_kind, slug: row.source_slug })
  return targets
}
