import type { Payload } from 'payload'

import type { ChatOutcome } from '../answer/answerQuestion'
import type { Session } from './findSession'

import { messagesStore } from './messagesStore'
import { sessionsStore } from './sessionsStore'

/** Stores one question and its outcome, and moves the session on. */
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
  await messagesStore.create(
    payload,
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
      session: session.id,
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
    { depth: 0, overrideAccess: true },
  )
  await sessionsStore.update(
    payload,
    session.id,
    { lastMessageAt: new Date().toISOString(), messageCount: (session.messageCount ?? 0) + 1 },
    { depth: 0, overrideAccess: true },
  )
}
