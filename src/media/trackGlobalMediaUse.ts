import type { GlobalAfterChangeHook } from 'payload'

import type { MediaFields } from './mediaIdsIn'

import { mediaIdsIn } from './mediaIdsIn'
import { refreshMediaVisibility } from './refreshMediaVisibility'

/** `trackMediaUse` for a global that is always public (no drafts): the media it showed before and shows now. */
export const trackGlobalMediaUse =
  (fields: MediaFields): GlobalAfterChangeHook =>
  async ({ doc, previousDoc, req }) => {
    await refreshMediaVisibility(req, [...mediaIdsIn(previousDoc, fields), ...mediaIdsIn(doc, fields)])
    return doc
  }
