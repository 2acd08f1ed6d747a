import type { PayloadRequest } from 'payload'

import type { ChatContext } from '../context'
import type { ChatTurn } from '../types'

import { errorResponse } from '@askfolio/payload-retrieval'

import { findSession } from '../session/findSession'
import { fitHistory } from '../session/fitHistory'
import { newSession, type Session } from '../session/session'

/**
 * The conversation a question belongs to: for a follow-up, its stored session with the history the
 * prompt gets (one statement); for a first question, a new session, which is stored with its first
 * message, so a first question reads nothing here. A 400 for an unknown or full session.
 */
export async function openConversation(
  req: PayloadRequest,
  context: ChatContext,
  sessionId: string | undefined,
  headers: Record<string, string>,
): Promise<Response | { history: ChatTurn[]; session: Session }> {
  if (!sessionId) {
    const signedIn = context.userCollection && req.user?.collection === context.userCollection ? req.user.id : null
    return { history: [], session: newSession(signedIn) }
  }
  const found = await findSession(req.payload, sessionId)
  if (!found) return errorResponse(400, 'Unknown session: start a new conversation without "sessionId".', headers)
  if (found.messageCount >= context.limits.messagesPerSession)
    return errorResponse(400, 'This conversation has reached its length limit: start a new one.', headers)
  const { turns, ...session } = found
  return { history: fitHistory(turns, context.limits.historyTokens), session }
}
