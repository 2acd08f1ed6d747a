import type { createDom } from './createDom'
import type { describeFailures } from './describeFailures'
import type { readEventStream } from './readEventStream'
import type { savedConversation } from './savedConversation'

/** A cited page, as the widget keeps it. */
export type Source = { title: string; url: string }

/** One question and its answer, as the widget shows and saves it. */
export type Turn = {
  answer: string
  /** `middle`: the sources are pages that may help, not the sources of an answer. */
  confidence?: 'high' | 'low' | 'middle'
  error?: string
  messageId?: string
  question: string
  rating?: 'down' | 'up'
  sources: Source[]
  status: 'done' | 'error' | 'stopped' | 'streaming'
  unanswered?: boolean
}

/** The conversation kept in localStorage between page loads. */
export type Saved = { sessionId?: string; turns: Turn[] }

/**
 * The widget's other self-contained functions, which serveWidget.ts hands to `askfolioWidget` in the
 * served script (each is sent as its own source text, so none may import anything either).
 */
export type WidgetParts = {
  createDom: typeof createDom
  describeFailures: typeof describeFailures
  readEventStream: typeof readEventStream
  savedConversation: typeof savedConversation
}
