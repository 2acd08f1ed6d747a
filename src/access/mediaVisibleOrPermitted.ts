import type { Access, Where } from 'payload'

import { anyOf } from './combineAccess'
import { hasPermission } from './hasPermission'

/** Media visitors may read: marked public by an editor, or shown by published content (see src/media). */
export const visibleMedia: Where = { or: [{ public: { equals: true } }, { usedByPublished: { equals: true } }] }

/**
 * Media read access, for the REST and GraphQL APIs and the files themselves (Payload's file route
 * asks it too): a `media` read grant sees everything; anyone else only visible media, so an image
 * only a draft uses, and its alt text, stay private.
 */
export const mediaVisibleOrPermitted: Access = async (args) =>
  anyOf(visibleMedia, await hasPermission('media', 'read')(args))
