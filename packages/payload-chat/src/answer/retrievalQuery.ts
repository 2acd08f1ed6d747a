import type { ChatModel, ChatTurn } from '../types'

/**
 * What to search for. A first question is searched as asked. A follow-up ("what stack did it use?")
 * is rewritten to stand alone by the model when it can; otherwise a short follow-up borrows the
 * previous question's words.
 */
export async function retrievalQuery(
  model: ChatModel,
  history: ChatTurn[],
  question: string,
  signal: AbortSignal,
): Promise<string> {
  if (history.length === 0) return question
  if (model.rewrite) {
    try {
      return await model.rewrite(history, question, { signal })
    } catch {
      if (signal.aborted) throw signal.reason
      return question
    }
  }
  return question.split(/\s+/).length < 8 ? `${history[history.length - 1].question} ${question}` : question
}
