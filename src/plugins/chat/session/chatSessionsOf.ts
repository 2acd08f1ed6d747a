import type { Payload, PayloadRequest } from 'payload'

import { messagesSlug, sessionsSlug } from '../collections/chatCollections'

export type ChatSessionsOf = { req?: PayloadRequest; userId: number | string }

export type ChatMessageRecord = {
  answer?: null | string
  comment?: null | string
  createdAt: string
  id: number | string
  publicId: string
  question: string
  rating?: null | string
  ratedAt?: null | string
  session: number | string
  sources?: unknown
  status?: null | string
}

export type ChatSessionRecord = {
  createdAt: string
  id: number | string
  lastMessageAt?: null | string
  messageCount?: null | number
  messages: ChatMessageRecord[]
  publicId: string
}

/** The ids of the sessions a signed-in user started. */
export async function chatSessionIdsOf(payload: Payload, { req, userId }: ChatSessionsOf): Promise<(number | string)[]> {
  const { docs } = await payload.find({
    collection: sessionsSlug as never,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { id: true } as never,
    where: { user: { equals: userId } },
  })
  return docs.map((doc) => (doc as unknown as { id: number | string }).id)
}

/** Every session a signed-in user started, oldest first, each with its messages (questions, answers, feedback). */
export async function findChatSessionsOf(payload: Payload, { req, userId }: ChatSessionsOf): Promise<ChatSessionRecord[]> {
  const sessions = await payload.find({
    collection: sessionsSlug as never,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'createdAt',
    where: { user: { equals: userId } },
  })
  if (sessions.docs.length === 0) return []
  const ids = sessions.docs.map((doc) => (doc as unknown as { id: number | string }).id)
  const messages = await payload.find({
    collection: messagesSlug as never,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'createdAt',
    where: { session: { in: ids } },
  })
  const bySession = new Map<number | string, ChatMessageRecord[]>(ids.map((id) => [id, []]))
  for (const message of messages.docs as unknown as ChatMessageRecord[]) bySession.get(message.session)?.push(message)
  return (sessions.docs as unknown as Omit<ChatSessionRecord, 'messages'>[]).map((session) => ({
    createdAt: session.createdAt,
    id: session.id,
    lastMessageAt: session.lastMessageAt ?? null,
    messageCount: session.messageCount ?? 0,
    messages: bySession.get(session.id) ?? [],
    publicId: session.publicId,
  }))
}

/**
 * Deletes every session a signed-in user started and all of their messages (feedback included), in
 * `req`'s transaction when given. Visitors' sessions are never touched. Answers how many went.
 */
export async function purgeChatSessions(payload: Payload, { req, userId }: ChatSessionsOf): Promise<{ messages: number; sessions: number }> {
  const ids = await chatSessionIdsOf(payload, { req, userId })
  if (ids.length === 0) return { messages: 0, sessions: 0 }
  const where = { session: { in: ids } }
  const { totalDocs: messages } = await payload.count({ collection: messagesSlug as never, overrideAccess: true, req, where })
  await payload.db.deleteMany({ collection: messagesSlug, req, where })
  await payload.db.deleteMany({ collection: sessionsSlug, req, where: { id: { in: ids } } })
  return { messages, sessions: ids.length }
}
