import type { Payload } from 'payload'

import type { ChatContext } from '../context'

import { answerQuestion, type ChatOutcome } from '../answer/answerQuestion'

/** What a check asks: the question, the document the answer must cite, and words it must hold. */
export type AnswerCheck = {
  expectedCollection: string
  expectedId: string
  mustInclude?: null | string[]
  question: string
}

export type CheckResult = { answer: string; pass: boolean; reason: string }

const ignore = () => {}

/**
 * Asks the chat `check.question` exactly as a visitor's first question is asked (`answerQuestion`:
 * the same retrieval query, search, source selection, model and guard as `POST /api/chat`), but
 * outside the endpoint, so nothing is rate limited or recorded as a visitor's message. It passes when
 * the chat answers from its sources, cites the expected document and says every `mustInclude`.
 */
export async function runCheck(payload: Payload, context: ChatContext, check: AnswerCheck): Promise<CheckResult> {
  const outcome = await answerQuestion(
    payload,
    context,
    { history: [], question: check.question, signal: new AbortController().signal },
    { onSources: ignore, onToken: ignore },
  )
  return { answer: outcome.answer, ...judge(outcome, check) }
}

/** Pass, or the first reason the outcome falls short, in words an editor can act on. */
export function judge(outcome: ChatOutcome, check: AnswerCheck): { pass: boolean; reason: string } {
  const fail = (reason: string) => ({ pass: false, reason })
  if (outcome.status !== 'complete') return fail(`The answer failed: ${outcome.error ?? outcome.status}.`)
  const titles = outcome.sources.map((source) => source.title).join(', ')
  if (outcome.confidence === 'low') return fail('The chat found nothing relevant and said it does not know.')
  if (outcome.confidence === 'middle')
    return fail(`The chat was not sure and only offered pages that come closest: ${titles}.`)
  const expected = outcome.sources.find(
    (source) => source.collection === check.expectedCollection && source.id === String(check.expectedId),
  )
  if (!expected) return fail(`The answer did not use the expected document; it used: ${titles}.`)
  if (!outcome.answer.includes(`[${expected.index}]`))
    return fail(`The answer had the expected document (“${expected.title}”) as a source but did not cite it.`)
  const answer = outcome.answer.toLowerCase()
  const missing = (check.mustInclude ?? []).filter((words) => !answer.includes(words.toLowerCase()))
  if (missing.length > 0) return fail(`The answer does not say: ${missing.map((words) => `“${words}”`).join(', ')}.`)
  return { pass: true, reason: `Answered citing “${expected.title}”.` }
}
