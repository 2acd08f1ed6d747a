import type { Payload, PayloadRequest } from 'payload'

import { messagesSlug, sessionsSlug } from '../collections/chatCollections'
import { type ChatMessageRecord, messagesStore } from './messagesStore'
import { type ChatSessionDoc, sessionsStore } from './sessionsStore'

export type ChatSessionsOf = { req?: PayloadRequest; userId: number | string }

export type { ChatMessageRecord }

export type ChatSessionRecord = ChatSessionDoc & { messages: ChatMessageRecord[] }

/** The ids of the sessions a signed-in user started. */
export async function chatSessionIdsOf(
  payload: Payload,
  { req, userId }: ChatSessionsOf,
): Promise<(number | string)[]> {
  const { docs } = await sessionsStore.find(payload, {
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { id: true },
    where: { user: { equals: userId } },
  })
  return docs.map((doc) => doc.id)
}

/** Every session a signed-in user started, oldest first, each with its messages (questions, answers, feedback). */
export async function findChatSessionsOf(
  payload: Payload,
  { req, userId }: ChatSessionsOf,
): Promise<ChatSessionRecord[]> {
  const sessions = await sessionsStore.find(payload, {
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'createdAt',
    where: { user: { equals: userId } },
  })
  if (sessions.docs.length === 0) return []
  const ids = sessions.docs.map((doc) => doc.id)
  const messages = await messagesStore.find(payload, {
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'createdAt',
    where: { session: { in: ids } },
  })
  const bySession = new Map<number | string, ChatMessageRecord[]>(ids.map((id) => [id, []]))
  for (const message of messages.docs) bySession.get(message.session)?.push(message)
  return sessions.docs.map((session) => ({
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
export async function purgeChatSessions(
  payload: Payload,
  { req, userId }: ChatSessionsOf,
): Promise<{ messages: number; sessions: number }> {
  const ids = await chatSessionIdsOf(payload, { req, userId })
  if (ids.length === 0) return { messages: 0, sessions: 0 }
  const where = { session: { in: ids } }
  const messages = await messagesStore.count(payload, { overrideAccess: true, req, where })
  await payload.db.deleteMany({ collection: messagesSlug, req, where })
  await payload.db.deleteMany({ collection: sessionsSlug, req, where: { id: { in: ids } } })
  return { messages, sessions: ids.length }
}
