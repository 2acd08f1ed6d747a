import type { Payload } from 'payload'

import type { ChatTurn } from '../types'
import type { StoredSession } from './session'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { messagesSlug, sessionsSlug } from '../collections/chatCollections'
import { queryRows, tableWithColumns } from '../store/database'

/** The most turns a prompt's history is chosen from (the token budget then takes the latest that fit). */
export const historyTurns = 20

type Row = { id: number | string; message_count: null | number; turns: ChatTurn[] }

/**
 * The session a follow-up names, with its latest answered turns (newest first), in one statement:
 * a follow-up needs both, and the Local API would spend four round trips on them (each find counts
 * its matches too). Null for an unknown session.
 */
export async function findSession(
  payload: Payload,
  publicId: string,
): Promise<null | (StoredSession & { turns: ChatTurn[] })> {
  const s = tableWithColumns(payload, sessionsSlug, ['id', 'messageCount', 'publicId'])
  const m = tableWithColumns(payload, messagesSlug, ['answer', 'createdAt', 'id', 'question', 'session', 'status'])
  const [row] = await queryRows<Row>(
    payload,
    sql`
    select ${s.id} as id, ${s.messageCount} as message_count, coalesce((
      select json_agg(json_build_object('question', latest.question, 'answer', coalesce(latest.answer, '')) order by latest.created_at desc, latest.id desc)
      from (
        select ${m.question} as question, ${m.answer} as answer, ${m.createdAt} as created_at, ${m.id} as id
        from ${m}
        where ${m.session} = ${s.id} and ${m.status} = 'complete'
        order by ${m.createdAt} desc, ${m.id} desc
        limit ${historyTurns}
      ) latest
    ), '[]'::json) as turns
    from ${s} where ${s.publicId} = ${publicId}
    limit 1`,
  )
  if (!row) return null
  return { id: row.id, messageCount: Number(row.message_count ?? 0), publicId, turns: row.turns }
}
