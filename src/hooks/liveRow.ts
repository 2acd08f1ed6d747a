import type { CollectionSlug, PayloadRequest, TypeWithID } from 'payload'

/** A document's main row: what visitors read, whatever drafts its versions hold. */
export type LiveRow = TypeWithID & { _status?: null | string; deletedAt?: null | string } & Record<string, unknown>

/** What visitors can see of a document: published and not in the trash. */
export const isLive = (doc: Partial<LiveRow> | null | undefined): boolean =>
  doc?._status === 'published' && !doc.deletedAt

/** The main row, read through the adapter inside the request's transaction (hooks' documents may be a draft version). */
export const findLiveRow = (
  req: PayloadRequest,
  collection: CollectionSlug,
  id: number | string,
): Promise<LiveRow | null> => req.payload.db.findOne<LiveRow>({ collection, req, where: { id: { equals: id } } })
