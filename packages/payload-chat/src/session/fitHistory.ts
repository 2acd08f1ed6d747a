import type { ChatTurn } from '../types'

/** A rough count, good enough for a budget: English runs about four characters a token. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4)

/** Of a session's turns (newest first), the latest that fit in `maxTokens`, oldest first. */
export function fitHistory(newestFirst: ChatTurn[], maxTokens: number): ChatTurn[] {
  const turns: ChatTurn[] = []
  let used = 0
  for (const turn of newestFirst) {
    used += estimateTokens(turn.question) + estimateTokens(turn.answer)
    if (used > maxTokens) break
    turns.unshift(turn)
  }
  return turns
}
