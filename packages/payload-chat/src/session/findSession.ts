import type { Payload } from 'payload'

import { newPublicId } from './publicId'
import { sessionsStore } from './sessionsStore'

export type Session = { id: number | string; messageCount?: null | number; publicId: string }

export async function findSession(payload: Payload, publicId: string): Promise<null | Session> {
  const { docs } = await sessionsStore.find(payload, {
    depth: 0,
    limit: 1,
    overrideAccess: true,
    where: { publicId: { equals: publicId } },
  })
  return docs[0] ?? null
}

/** A new session; `userId` links it to the signed-in user who started it (null for a visitor). */
export async function createSession(payload: Payload, userId: null | number | string = null): Promise<Session> {
  const data = { messageCount: 0, publicId: newPublicId(), ...(userId === null ? {} : { user: userId }) }
  return sessionsStore.create(payload, data, { depth: 0, overrideAccess: true })
}
