import type { CollectionConfig } from 'payload'

import type { Resource } from '../access/resources'

import { guardLiveDelete } from './guardLiveDelete'
import { guardPublication } from './guardPublication'
import { setPublishedAt } from './setPublishedAt'
import { trackDraftSave } from './trackDraftSave'

/** The hooks every collection with drafts shares: who may publish (or take down), and when it was first published. */
export const publicationHooks = (resource: Resource, ownedBy: string): CollectionConfig['hooks'] => ({
  beforeChange: [guardPublication(resource, { ownedBy }), setPublishedAt],
  beforeDelete: [guardLiveDelete(resource, { ownedBy })],
  beforeOperation: [trackDraftSave],
})
