import type { ChatContext } from '../context'

import { errorResponse, hasControlCharacters } from '@askfolio/payload-retrieval'

import { isPublicId } from '../session/publicId'

export type Question = { message: string; sessionId?: string }

/** `{ message, sessionId? }`, checked: a 400 with the reason for anything else. */
export function validateQuestion(
  body: Record<string, unknown>,
  context: ChatContext,
  headers: Record<string, string>,
): Question | Response {
  const { message, sessionId } = body
  if (typeof message !== 'string') return errorResponse(400, '"message" must be a string.', headers)
  const text = message.trim()
  if (!text) return errorResponse(400, '"message" is empty.', headers)
  if (text.length > context.limits.messageChars) {
    return errorResponse(400, `"message" may be at most ${context.limits.messageChars} characters.`, headers)
  }
  if (hasControlCharacters(text)) {
    return errorResponse(400, '"message" may not contain control characters (line breaks and tabs are fine).', headers)
  }
  if (sessionId !== undefined && sessionId !== null && !isPublicId(sessionId)) {
    return errorResponse(400, '"sessionId" is not a session id this server gave out.', headers)
  }
  return { message: text, sessionId: (sessionId as string | null) ?? undefined }
}
