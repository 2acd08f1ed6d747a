import type { Payload } from 'payload'

import type { ChatTurn } from '../types'

import { messagesStore } from './messagesStore'

/** A rough count, good enough for a budget: English runs about four characters a token. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4)

/** The session's latest answered turns, oldest first, as many as fit in `maxTokens`. */
export async function loadHistory(
  payload: Payload,
  sessionId: number | string,
  maxTokens: number,
): Promise<ChatTurn[]> {
  const { docs } = await messagesStore.find(payload, {
    depth: 0,
    limit: 20,
    overrideAccess: true,
    sort: '-createdAt',
    where: { and: [{ session: { equals: sessionId } }, { status: { equals: 'complete' } }] },
  })
  const turns: ChatTurn[] = []
  let used = 0
  for (const doc of docs) {
    const turn = { answer: doc.answer ?? '', question: doc.question }
    used += estimateTokens(turn.question) + estimateTokens(turn.answer)
    if (used > maxTokens) break
    turns.unshift(turn)
  }
  return turns
}
