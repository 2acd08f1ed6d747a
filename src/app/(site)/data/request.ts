import type { Profile } from '../../../../payload-types'

import { draftMode, headers } from 'next/headers'
import { getPayload } from 'payload'
import { cache } from 'react'

import config from '@payload-config'

import { authorizePreview } from './previewAccess'
import { type PreviewCollection, type ReadOptions, visitor } from './readOptions'

/** Per-request helpers for the pages: each runs once per request however many components ask. */
export const getSitePayload = () => getPayload({ config })

export const getProfile = cache(async (): Promise<Profile> => {
  const payload = await getSitePayload()
  return payload.findGlobal({ slug: 'profile', depth: 1, overrideAccess: false })
})

export const isPreviewing = cache(async () => (await draftMode()).isEnabled)

/**
 * Visitor reads, unless draft mode is on and the signed-in user may read drafts of `collection`.
 * A lapsed session in draft mode simply reads as a visitor.
 */
export const getReadOptions = cache(async (collection: PreviewCollection): Promise<ReadOptions> => {
  if (!(await isPreviewing())) return visitor
  const payload = await getSitePayload()
  const decision = await authorizePreview(payload, await headers(), collection)
  return decision.ok ? { preview: true, user: decision.user } : visitor
})
