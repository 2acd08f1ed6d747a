import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { collectionStore } from '../store/collectionStore'
import { errorResponse } from './respond'

/** `{collection, id}` or `{global}` from a request, checked against the indexed sources. */
export async function resolveTarget(
  payload: Payload,
  context: RetrievalContext,
  input: { collection?: unknown; global?: unknown; id?: unknown },
): Promise<Response | SourceRef> {
  if (typeof input.global === 'string') {
    const source = context.sources.get(input.global)
    if (source?.kind !== 'global') return errorResponse(400, `"${input.global}" is not an indexed global.`)
    return { id: source.slug, kind: 'global', slug: source.slug }
  }
  if (typeof input.collection !== 'string') return errorResponse(400, 'Give "collection" and "id", or "global".')
  const source = context.sources.get(input.collection)
  if (source?.kind !== 'collection') return errorResponse(400, `"${input.collection}" is not an indexed collection.`)
  if ((typeof input.id !== 'string' && typeof input.id !== 'number') || input.id === '') {
    return errorResponse(400, '"id" is required for a collection.')
  }
  const id = String(input.id)
  const totalDocs = await collectionStore(source.slug).count(payload, {
    overrideAccess: true,
    trash: true,
    where: { id: { equals: id } },
  })
  if (totalDocs === 0) return errorResponse(404, `No ${source.slug} document with id ${id}.`)
  return { id, kind: 'collection', slug: source.slug }
}
