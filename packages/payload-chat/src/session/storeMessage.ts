import type { Payload } from 'payload'

import type { NewSession, Session, StoredSession } from './session'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { messagesSlug, sessionsSlug } from '../collections/chatCollections'
import { columnName, insertInto, queryRows, tableWithColumns } from '../store/database'

type Message = Record<string, unknown>

/**
 * Writes one message and moves its session on, in one statement: atomically, and in one round trip
 * where Payload's Local API takes eight (a transaction for each write, the re-read of each document,
 * a read of the session before its update) and four more to create a session.
 */
export const storeMessage = (payload: Payload, session: Session, message: Message, at: string): Promise<void> =>
  session.id === null ? storeFirstMessage(payload, session, message, at) : storeFollowUp(payload, session, message, at)

/** A first question: its session is inserted in a CTE, already counting this message, and the message refers to it. */
async function storeFirstMessage(payload: Payload, session: NewSession, message: Message, at: string) {
  const started = insertInto(payload, sessionsSlug, {
    createdAt: at,
    lastMessageAt: at,
    messageCount: 1,
    publicId: session.publicId,
    updatedAt: at,
    ...(session.userId === null ? {} : { user: session.userId }),
  })
  const { id } = tableWithColumns(payload, sessionsSlug, ['id'])
  const stored = insertInto(payload, messagesSlug, {
    ...message,
    createdAt: at,
    session: sql`(select id from started)`,
    updatedAt: at,
  })
  await queryRows(payload, sql`with started as (${started} returning ${id}) ${stored}`)
}

/**
 * A follow-up: the message is inserted in a CTE (PostgreSQL runs it to completion whatever the outer
 * statement reads of it) and the session's counters move in place: `message_count + 1`, never a
 * count read earlier, so concurrent questions on one session each count, and `lastMessageAt` only
 * forward, whichever of two concurrent writes lands last.
 */
async function storeFollowUp(payload: Payload, session: StoredSession, message: Message, at: string) {
  const s = tableWithColumns(payload, sessionsSlug, ['id', 'lastMessageAt', 'messageCount', 'updatedAt'])
  const stored = insertInto(payload, messagesSlug, { ...message, createdAt: at, session: session.id, updatedAt: at })
  await queryRows(
    payload,
    sql`
    with stored as (${stored})
    update ${s} set
      ${columnName(s.messageCount)} = coalesce(${s.messageCount}, 0) + 1,
      ${columnName(s.lastMessageAt)} = greatest(${s.lastMessageAt}, ${at}::timestamptz),
      ${columnName(s.updatedAt)} = ${at}
    where ${s.id} = ${session.id}`,
  )
}
