import type { CollectionSlug, GlobalSlug, PaginatedDocs, Payload, PayloadRequest, Where } from 'payload'

/** What a store call passes on to the Local API. Access is always the caller's explicit choice. */
export type StoreOptions = {
  depth?: number
  disableErrors?: boolean
  draft?: boolean
  limit?: number
  overrideAccess: boolean
  page?: number
  pagination?: boolean
  req?: Partial<PayloadRequest>
  select?: Record<string, true>
  sort?: string
  trash?: boolean
  where?: Where
}

type Ref = { id: number | string }

/*
 * Payload types each Local API call by the host's generated types (`CollectionSlug`, the data of
 * that collection). A slug the plugin holds in a string (its own collections, or the host's it was
 * told to index) is none of those when the plugin is compiled on its own, so neither the call nor
 * its documents can be typed there. These stores are the one place that bridges the two: the slug
 * is cast to the host's slug type, the data and select to what that call expects, and what comes
 * back to the record type the caller names.
 */

/** Local API calls on one collection, its documents typed as `Doc`. */
export function collectionStore<Doc extends Ref = Ref & Record<string, unknown>>(slug: string) {
  const collection = slug as CollectionSlug
  return {
    async count(payload: Payload, { req, ...options }: Pick<StoreOptions, 'overrideAccess' | 'req' | 'trash' | 'where'>): Promise<number> {
      return (await payload.count({ collection, req, ...options })).totalDocs
    },
    async create(payload: Payload, data: Record<string, unknown>, options: Pick<StoreOptions, 'depth' | 'overrideAccess' | 'req'>): Promise<Doc> {
      return (await payload.create({ collection, data: data as never, ...options })) as unknown as Doc
    },
    async find(payload: Payload, { select, ...options }: StoreOptions): Promise<PaginatedDocs<Doc>> {
      return (await payload.find({ collection, select: select as never, ...options })) as unknown as PaginatedDocs<Doc>
    },
    /** The document, or null when there is none (with `disableErrors`) . */
    async findByID(payload: Payload, id: number | string, options: Omit<StoreOptions, 'limit' | 'pagination' | 'sort' | 'where'>): Promise<Doc | null> {
      const { select, ...rest } = options
      return ((await payload.findByID({ collection, id, select: select as never, ...rest })) as unknown as Doc | null) ?? null
    },
    slug,
    async update(payload: Payload, id: number | string, data: Record<string, unknown>, options: Pick<StoreOptions, 'depth' | 'overrideAccess' | 'req'>): Promise<Doc> {
      return (await payload.update({ collection, data: data as never, id, ...options })) as unknown as Doc
    },
    /** Updates every document `where` matches (none: an empty list); the documents as they now are. */
    async updateWhere(payload: Payload, where: Where, data: Record<string, unknown>, options: Pick<StoreOptions, 'depth' | 'overrideAccess' | 'req'>): Promise<Doc[]> {
      return (await payload.update({ collection, data: data as never, where, ...options })).docs as unknown as Doc[]
    },
  }
}

export type CollectionStore<Doc extends Ref = Ref & Record<string, unknown>> = ReturnType<typeof collectionStore<Doc>>

/** A global, read by its slug (see the note above `collectionStore`). */
export async function findGlobalBySlug(
  payload: Payload,
  slug: string,
  options: Pick<StoreOptions, 'depth' | 'draft' | 'overrideAccess' | 'req'>,
): Promise<Record<string, unknown>> {
  return (await payload.findGlobal({ slug: slug as GlobalSlug, ...options })) as unknown as Record<string, unknown>
}
