import type { Resource } from '../access/resources'

import { APIError, type CollectionBeforeDeleteHook } from 'payload'

import { mayPublish } from '../access/mayPublish'
import { findLiveRow, isLive } from './liveRow'

/**
 * Deleting a document visitors can see takes it off the site, so it needs the `publish` grant as well
 * as `delete`. Documents in the trash or never published are the `delete` grant's alone.
 */
export const guardLiveDelete =
  (resource: Resource, { ownedBy }: { ownedBy: string }): CollectionBeforeDeleteHook =>
  async ({ collection, id, req }) => {
    if (!req.user) return
    const live = await findLiveRow(req, collection.slug, id)
    if (!live || !isLive(live)) return
    if (await mayPublish(req, resource, [live[ownedBy]])) return
    throw new APIError(
      'This document is on the site, and deleting it would take it down, which needs the right to publish. Ask an editor to unpublish or delete it.',
      403,
      null,
      true,
    )
  }
