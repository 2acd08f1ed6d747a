import type { PayloadRequest } from 'payload'

/** What a save did to a document's published state, as the audit log and the guards see it. */
export type Transition = 'publish' | 'unpublish' | null

type State = { draftSaves: Map<string, boolean>; transitions: Map<string, Transition> }

// One request can run several operations (GraphQL batches, hooks); keys carry the collection and id.
const states = new WeakMap<PayloadRequest, State>()

const stateOf = (req: PayloadRequest): State => {
  let state = states.get(req)
  if (!state) {
    state = { draftSaves: new Map(), transitions: new Map() }
    states.set(req, state)
  }
  return state
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
