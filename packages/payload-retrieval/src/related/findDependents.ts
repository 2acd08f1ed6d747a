import type { PayloadRequest, Where } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'
import type { Dependent } from './findShownRelations'

import { collectionStore, findGlobalBySlug } from '../store/collectionStore'
import { holdsReference, type RelatedRef } from './holdsReference'

type Id = number | string

const matching = (dependent: Dependent, related: RelatedRef): Where =>
  dependent.polymorphic
    ? { [dependent.field]: { equals: { relationTo: related.slug, value: related.id } } }
    : { [dependent.field]: { in: [related.id] } }

/**
 * The documents of one collection that refer to `related`, a page at a time (ids only, in id order,
 * each page after the last id of the one before, so no page needs a count). The main rows are what
 * indexing reads (as a visitor, `draft: false`), so they alone say whose text shows the related
 * document; a newer draft that adds or drops it changes nothing a visitor sees. Trashed documents
 * have no chunks and are left out; drafts are not, since only the job knows what a visitor may read.
 */
async function collectionDocsReferring(
  req: PayloadRequest,
  dependent: Dependent,
  related: RelatedRef,
  pageSize: number,
): Promise<Id[]> {
  const ids: Id[] = []
  for (let after: Id | undefined; ;) {
    const match = matching(dependent, related)
    const { docs } = await collectionStore(dependent.slug).find(req.payload, {
      depth: 0,
      draft: false,
      limit: pageSize,
      overrideAccess: true,
      pagination: false,
      req,
      select: { id: true },
      sort: 'id',
      where: after === undefined ? match : { and: [match, { id: { greater_than: after } }] },
    })
    ids.push(...docs.map((doc) => doc.id))
    if (docs.length < pageSize) return ids
    after = ids[ids.length - 1]
  }
}

async function globalRefers(req: PayloadRequest, dependent: Dependent, related: RelatedRef): Promise<boolean> {
  const doc = await findGlobalBySlug(req.payload, dependent.slug, { depth: 0, draft: false, overrideAccess: true, req })
  return holdsReference(doc, dependent.field, related, dependent.polymorphic)
}

/**
 * The indexed documents whose text shows `related` (a project for each of its skills), each once.
 * Only one level: indexing reads related documents at depth 1, so a project never shows what its
 * skills themselves relate to, and a skill's change cannot reach a project's project.
 */
export async function findDependents(
  req: PayloadRequest,
  context: RetrievalContext,
  related: RelatedRef,
): Promise<SourceRef[]> {
  const refs = new Map<string, SourceRef>()
  for (const dependent of context.shownBy.get(related.slug) ?? []) {
    if (dependent.kind === 'global') {
      if (await globalRefers(req, dependent, related))
        refs.set(dependent.slug, { id: dependent.slug, kind: 'global', slug: dependent.slug })
      continue
    }
    for (const id of await collectionDocsReferring(req, dependent, related, context.dependentsPageSize)) {
      refs.set(`${dependent.slug}:${id}`, { id: String(id), kind: 'collection', slug: dependent.slug })
    }
  }
  return [...refs.values()]
}
