import type { PayloadRequest, SanitizedCollectionConfig, Where } from 'payload'

import type { RetrievalContext, Source } from '../context'

import { collectionStore } from '../store/collectionStore'
import { mayReadSource } from './mayReadSource'

/**
 * The source ids of one collection the user may read, as a condition on status rows: what the
 * collection's own read access allows, so the plugin needs no knowledge of the app's roles. A query
 * answer (say, "published or mine") becomes the ids it matches, trashed documents included.
 */
async function readableRowsOf(req: PayloadRequest, source: Source): Promise<null | Where> {
  const bySource: Where = { source: { equals: source.slug } }
  if (source.kind === 'global')
    return (await mayReadSource(req, { id: source.slug, kind: 'global', slug: source.slug })) ? bySource : null
  const collection = (req.payload.collections as Record<string, { config: SanitizedCollectionConfig } | undefined>)[
    source.slug
  ]?.config
  if (!collection) return null
  const access = await collection.access.read({ req })
  if (access === true) return bySource
  if (!access) return null
  const { docs } = await collectionStore(source.slug).find(req.payload, {
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { id: true },
    trash: Boolean(collection.trash),
    where: access,
  })
  if (docs.length === 0) return null
  return { and: [bySource, { sourceId: { in: docs.map((doc) => String(doc.id)) } }] }
}

/**
 * Read access for the index-status collection: who may read index states at all (the `status`
 * option), and then only the rows of documents they may read in their own collection or global, so
 * a status row never shows the title or URL of a draft its reader could not open.
 */
export async function readableStatusRows(context: RetrievalContext, req: PayloadRequest): Promise<boolean | Where> {
  if (!(await context.access.status({ req }))) return false
  const rows: Where[] = []
  let everything = true
  for (const source of context.sources.values()) {
    const readable = await readableRowsOf(req, source)
    if (readable) rows.push(readable)
    if (!readable || 'and' in readable) everything = false
  }
  if (everything) return true
  return rows.length > 0 ? { or: rows } : false
}
