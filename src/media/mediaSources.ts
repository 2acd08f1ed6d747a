import type { Where } from 'payload'

import type { MediaFields } from './mediaIdsIn'

import { publishedAndNotTrashed } from '../access/publishedOrPermitted'

export type MediaSourceCollection = 'blog-posts' | 'projects' | 'skills'

/**
 * The content visitors can read and the media each shows. Users are not here on purpose: accounts are
 * never public, so an avatar is not either.
 */
export const mediaSources: { collection: MediaSourceCollection; fields: MediaFields; visible?: Where }[] = [
  { collection: 'projects', fields: { richText: ['description'], uploads: ['coverImage'] }, visible: publishedAndNotTrashed },
  { collection: 'blog-posts', fields: { richText: ['content'], uploads: ['heroImage'] }, visible: publishedAndNotTrashed },
  // Every skill is public; skills have neither drafts nor trash.
  { collection: 'skills', fields: { uploads: ['icon'] } },
]

export const profileMediaFields: MediaFields = { richText: ['bio'], uploads: ['avatar'] }

export const mediaFieldsOf = (collection: MediaSourceCollection): MediaFields =>
  mediaSources.find((source) => source.collection === collection)!.fields
