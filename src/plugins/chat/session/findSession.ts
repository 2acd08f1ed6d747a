import type { Payload } from 'payload'

import { sessionsSlug } from '../collections/chatCollections'
import { newPublicId } from './publicId'

export type Session = { id: number | string; messageCount?: null | number; publicId: string }

export async function findSession(payload: Payload, publicId: string): Promise<null | Session> {
  const { docs } = await payload.find({ collection: sessionsSlug as never, depth: 0, limit: 1, overrideAccess: true, where: { publicId: { equals: publicId } } })
  return (docs[0] as unknown as Session) ?? null
}

/** A new session; `userId` links it to the signed-in user who started it (null for a visitor). */
export async function createSession(payload: Payload, userId: null | number | string = null): Promise<Session> {
  const data = { messageCount: 0, publicId: newPublicId(), ...(userId === null ? {} : { user: userId }) }
  const doc = await payload.create({ collection: sessionsSlug as never, data: data as never, depth: 0, overrideAccess: true })
  return doc as unknown as Session
}
