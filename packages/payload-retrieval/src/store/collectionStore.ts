import type { PaginatedDocs, Payload, PayloadRequest, Where } from 'payload'

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
 * its documents can be typed there. `untypedLocalApi` is the one place that bridges the two: it
 * views the Local API with the slug as a string, the data and select as records, and what comes back
 * typed as the record the caller names. The calls and their options are Payload's own.
 */
interface UntypedLocalApi {
  count(args: StoreOptions & { collection: string }): Promise<{ totalDocs: number }>
  create<T>(args: StoreOptions & { collection: string; data: Record<string, unknown> }): Promise<T>
  find<T>(args: StoreOptions & { collection: string }): Promise<PaginatedDocs<T>>
  findByID<T>(args: StoreOptions & { collection: string; id: number | string }): Promise<T | null>
  findGlobal<T>(args: StoreOptions & { slug: string }): Promise<T>
  update<T>(args: StoreOptions & { collection: string; data: Record<string, unknown>; id: number | string }): Promise<T>
  update<T>(
    args: StoreOptions & { collection: string; data: Record<string, unknown>; where: Where },
  ): Promise<{ docs: T[] }>
}
// The one cast: the same Local API object, seen without the host's generated types.
const untypedLocalApi = (payload: Payload): UntypedLocalApi => payload as unknown as UntypedLocalApi

/** Local API calls on one collection, its documents typed as `Doc`. */
export function collectionStore<Doc extends Ref = Ref & Record<string, unknown>>(slug: string) {
  const collection = slug
  return {
    async count(
      payload: Payload,
      options: Pick<StoreOptions, 'overrideAccess' | 'req' | 'trash' | 'where'>,
    ): Promise<number> {
      return (await untypedLocalApi(payload).count({ collection, ...options })).totalDocs
    },
    async create(
      payload: Payload,
      data: Record<string, unknown>,
      options: Pick<StoreOptions, 'depth' | 'draft' | 'overrideAccess' | 'req'>,
    ): Promise<Doc> {
      return untypedLocalApi(payload).create<Doc>({ collection, data, ...options })
    },
    async find(payload: Payload, options: StoreOptions): Promise<PaginatedDocs<Doc>> {
      return untypedLocalApi(payload).find<Doc>({ collection, ...options })
    },
    /** The document, or null when there is none (with `disableErrors`) . */
    async findByID(
      payload: Payload,
      id: number | string,
      options: Omit<StoreOptions, 'limit' | 'pagination' | 'sort' | 'where'>,
    ): Promise<Doc | null> {
      return (await untypedLocalApi(payload).findByID<Doc>({ collection, id, ...options })) ?? null
    },
    slug,
    async update(
      payload: Payload,
      id: number | string,
      data: Record<string, unknown>,
      options: Pick<StoreOptions, 'depth' | 'overrideAccess' | 'req'>,
    ): Promise<Doc> {
      return untypedLocalApi(payload).update<Doc>({ collection, data, id, ...options })
    },
    /** Updates every document `where` matches (none: an empty list); the documents as they now are. */
    async updateWhere(
      payload: Payload,
      where: Where,
      data: Record<string, unknown>,
      options: Pick<StoreOptions, 'depth' | 'overrideAccess' | 'req'>,
    ): Promise<Doc[]> {
      return (await untypedLocalApi(payload).update<Doc>({ collection, data, where, ...options })).docs
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
  return untypedLocalApi(payload).findGlobal<Record<string, unknown>>({ slug, ...options })
}
