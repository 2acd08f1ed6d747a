import type { PayloadRequest } from 'payload'

import { idOf } from '../access/idOf'
import { lockMediaRows } from './lockMediaRows'
import { mediaIdsIn, selectMediaFields } from './mediaIdsIn'
import { mediaRefsFieldName } from './mediaRefsField'
import { mediaSources, profileMediaFields } from './mediaSources'

type Id = number | string

// The media-visibility migration runs this too, before later columns of the profile exist.
const profileMediaSelect = selectMediaFields(profileMediaFields)

/** Which of `ids` something visitors can read shows: a published, untrashed document, a skill or the profile. */
async function idsInUse(req: PayloadRequest, ids: Id[]): Promise<Set<string>> {
  const used = new Set<string>()
  const refsIn = { [mediaRefsFieldName]: { in: ids } }
  for (const { collection, visible } of mediaSources) {
    const { docs } = await req.payload.find({
      collection,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      req,
      select: { [mediaRefsFieldName]: true } as never,
      where: visible ? { and: [visible, refsIn] } : refsIn,
    })
    for (const doc of docs) for (const ref of ((doc as unknown as Record<string, unknown>)[mediaRefsFieldName] as unknown[]) ?? []) used.add(String(idOf(ref)))
  }
  const profile = await req.payload.findGlobal({ slug: 'profile', depth: 0, overrideAccess: true, req, select: profileMediaSelect })
  for (const id of mediaIdsIn(profile as unknown as Record<string, unknown>, profileMediaFields)) used.add(String(id))
  return used
}

/**
 * Sets `usedByPublished` on the media `ids` from what the database now holds, in `req`'s transaction.
 * Called by the hooks of everything that can show media, with every id the change may have touched
 * (before and after), so media read access is a plain column test and never scans content.
 */
export async function refreshMediaVisibility(req: PayloadRequest, ids: Id[]): Promise<void> {
  const wanted = [...new Map(ids.map((id) => [String(id), id])).values()]
  if (wanted.length === 0) return
  await lockMediaRows(req, wanted)
  const used = await idsInUse(req, wanted)
  const shown = wanted.filter((id) => used.has(String(id)))
  const hidden = wanted.filter((id) => !used.has(String(id)))
  // Through the adapter: the flag is not an edit anyone made (no hooks, no audit entry, no field access).
  // Only rows whose flag changes are written (`not_equals` also matches null).
  for (const [list, value] of [[shown, true], [hidden, false]] as const) {
    if (list.length === 0) continue
    await req.payload.db.updateMany({
      collection: 'media',
      data: { usedByPublished: value },
      req,
      returning: false,
      where: { and: [{ id: { in: list } }, { usedByPublished: { not_equals: value } }] },
    })
  }
}
