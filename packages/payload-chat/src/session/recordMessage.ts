import type { Payload } from 'payload'

import type { ChatOutcome } from '../answer/answerQuestion'
import type { Session } from './session'

import { storeMessage } from './storeMessage'

/** Stores one question and its outcome, and moves the session on (a new session is stored with it). */
export async function recordMessage(
  payload: Payload,
  {
    model,
    outcome,
    publicId,
    question,
    session,
  }: { model: string; outcome: ChatOutcome; publicId: string; question: string; session: Session },
): Promise<void> {
  await storeMessage(
    payload,
    session,
    {
      answer: outcome.answer,
      confidence: outcome.confidence,
      error: outcome.error ?? null,
      firstTokenMs: outcome.timings.firstTokenMs,
      model,
      publicId,
      query: outcome.query === question ? null : outcome.query,
      question,
      retrievalMs: outcome.timings.retrievalMs,
      sources: outcome.sources.map(({ collection, id, index, score, title, url }) => ({
        collection,
        id,
        index,
        score,
        title,
        url,
      })),
      status: outcome.status,
      totalMs: outcome.timings.totalMs,
      unanswered: outcome.unanswered,
    },
    new Date().toISOString(),
  )
}
