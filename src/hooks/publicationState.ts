import type { PayloadRequest } from 'payload'

/** What a save did to a document's published state, as the audit log and the guards see it. */
export type Transition = 'publish' | 'unpublish' | null

type State = { draftSaves: Map<string, boolean>; transitions: Map<string, Transition> }

// One request can run several operations (GraphQL batches, hooks); keys carry the collection and id.
// The state lives on the request under a symbol rather than in a map keyed by it: Payload hands some
// hooks a proxy of the request (restoring a version does), and a proxy reads and writes the
// original's properties but is not the same map key.
const stateKey = Symbol('publicationState')
type WithState = PayloadRequest & { [stateKey]?: State }

const stateOf = (req: PayloadRequest): State => {
  const holder = req as WithState
  holder[stateKey] ??= { draftSaves: new Map(), transitions: new Map() }
  return holder[stateKey]
}

export const markDraftSave = (req: PayloadRequest, collection: string, draftSave: boolean): void => {
  stateOf(req).draftSaves.set(collection, draftSave)
}

/** True when the running update only writes a new draft version and leaves the published document alone. */
export const isDraftSave = (req: PayloadRequest, collection: string): boolean =>
  stateOf(req).draftSaves.get(collection) ?? false

export const setTransition = (req: PayloadRequest, collection: string, id: number | string, t: Transition): void => {
  stateOf(req).transitions.set(`${collection}:${id}`, t)
}

export const getTransition = (req: PayloadRequest, collection: string, id: number | string): Transition =>
  stateOf(req).transitions.get(`${collection}:${id}`) ?? null
