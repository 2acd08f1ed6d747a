import type { Payload } from 'payload'

import type { ChatContext } from '../context'
import type { ChatSource, ChatTurn } from '../types'

import { guardAnswer } from './guardAnswer'
import { retrievalQuery } from './retrievalQuery'
import { retrieveSources } from './retrieveSources'
import { type Confidence } from './selectSources'

export type ChatOutcome = {
  answer: string
  /** `high`: answered from the sources; `middle`: the sources were offered as pages that may help; `low`: nothing close. */
  confidence: Confidence
  error?: string
  query: string
  sources: ChatSource[]
  status: 'complete' | 'failed' | 'stopped'
  timings: { firstTokenMs: null | number; retrievalMs: number; totalMs: number }
  unanswered: boolean
}

export type ChatCallbacks = { onSources: (sources: ChatSource[]) => void; onToken: (text: string) => void }

/** The site's text with `{site}` and `{pages}` filled in (a function replacement, so `$` in a title stays as it is). */
const fillText = (text: string, values: Record<string, string>) =>
  text.replace(/\{(site|pages)\}/g, (whole, name: string) => values[name] ?? whole)

export const unansweredText = (context: Pick<ChatContext, 'siteName' | 'texts'>) =>
  fillText(context.texts.unanswered, { site: context.siteName })

/** The middle band's answer: no claim, only the closest pages, each cited so the widget links it. */
export const unsureText = (context: Pick<ChatContext, 'siteName' | 'texts'>, sources: ChatSource[]) =>
  fillText(context.texts.unsure, {
    pages: sources.map((source) => `${source.title} [${source.index}]`).join(', '),
    site: context.siteName,
  })

/**
 * Retrieval, then the model: searches what visitors can see for the question (rewritten if it is a
 * follow-up), keeps the relevant passages, and streams the model's answer from them. With nothing
 * relevant it does not guess: it offers the closest pages when some are close (the middle band),
 * and otherwise says it does not know. Never throws: failures come back in the
 * outcome, with whatever was said before them.
 */
export async function answerQuestion(
  payload: Payload,
  context: ChatContext,
  input: { history: ChatTurn[]; question: string; signal: AbortSignal },
  callbacks: ChatCallbacks,
): Promise<ChatOutcome> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const outcome: ChatOutcome = {
    answer: '',
    confidence: 'low',
    query: input.question,
    sources: [],
    status: 'complete',
    timings: { firstTokenMs: null, retrievalMs: 0, totalMs: 0 },
    unanswered: false,
  }
  const say = (text: string) => {
    outcome.timings.firstTokenMs ??= elapsed()
    outcome.answer += text
    callbacks.onToken(text)
  }
  try {
    outcome.query = await retrievalQuery(context.model, input.history, input.question, input.signal)
    const { confidence, sources } = await retrieveSources(payload, context, outcome.query)
    outcome.confidence = confidence
    outcome.sources = sources
    outcome.timings.retrievalMs = elapsed()
    callbacks.onSources(outcome.sources)

    if (confidence === 'low') {
      outcome.unanswered = true
      say(unansweredText(context))
    } else if (confidence === 'middle') {
      say(unsureText(context, sources))
    } else {
      const pieces = context.model.generate(
        { history: input.history, question: input.question, sources: outcome.sources },
        { signal: input.signal },
      )
      for await (const piece of guardAnswer(pieces)) {
        if (input.signal.aborted) break
        say(piece)
      }
      if (input.signal.aborted) outcome.status = 'stopped'
    }
  } catch (error) {
    outcome.status = input.signal.aborted ? 'stopped' : 'failed'
    outcome.error = error instanceof Error ? error.message : String(error)
  }
  outcome.timings.totalMs = elapsed()
  return outcome
}
