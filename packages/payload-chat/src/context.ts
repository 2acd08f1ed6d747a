import type { Access, Payload } from 'payload'

import type { AnswerCollection, ChatModel, ChatPluginOptions, SuggestionOptions } from './types'

import { defaultMaxBodyBytes, type RateLimitRule } from '@askfolio/payload-retrieval'

export type ChatContext = {
  allowedOrigins: string[]
  checks: { answerCollection?: AnswerCollection; autoRun: boolean; cron: string; queue: string }
  limits: {
    bodyBytes: number
    eventsPerIp: RateLimitRule
    historyTokens: number
    messageChars: number
    messagesPerSession: number
    perIp: RateLimitRule
    perSession: RateLimitRule
  }
  model: ChatModel
  publicUrl?: string
  retention: { autoRun: boolean; batchSize: number; cron: string; days: number; queue: string }
  retrieval: {
    maxSources: number
    maxSuggestions: number
    minCoverage: number
    minExpandedCoverage: number
    minSimilarity: number
    minTitleCoverage: number
  }
  siteName: string
  suggestions: {
    cacheSeconds: number
    collections: string[]
    count: number
    questionsFor?: SuggestionOptions['questionsFor']
    update: Access
  }
  texts: { unanswered: string; unsure: string }
  /** The auth collection whose signed-in users are recorded on the sessions they start (null: none). */
  userCollection: null | string
}

/** Whole days, zero or more: anything else would delete conversations nobody meant to lose. */
function retentionDays(days: number | undefined): number {
  const value = days ?? 180
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`chatPlugin: retention.days must be a whole number of days, 0 or more (got ${days})`)
  return value
}

/** The widget's empty state has room for a few; none or dozens would be a mistake in the config. */
function suggestionCount(count: number | undefined): number {
  const value = count ?? 4
  if (!Number.isInteger(value) || value < 0 || value > 10)
    throw new Error(`chatPlugin: suggestions.count must be a whole number from 0 to 10 (got ${count})`)
  return value
}

export function resolveChatOptions(options: ChatPluginOptions, userCollection: null | string = null): ChatContext {
  return {
    allowedOrigins: (options.allowedOrigins ?? []).map((origin) => origin.replace(/\/+$/, '')),
    checks: {
      answerCollection: options.checks?.answerCollection,
      autoRun: options.checks?.autoRun ?? options.retention?.autoRun ?? true,
      cron: options.checks?.cron ?? '0 0 5 * * *',
      queue: options.checks?.queue ?? 'chat',
    },
    limits: {
      bodyBytes: options.limits?.bodyBytes ?? defaultMaxBodyBytes,
      eventsPerIp: options.limits?.eventsPerIp ?? { limit: 120, windowSeconds: 60 },
      historyTokens: options.limits?.historyTokens ?? 1000,
      messageChars: options.limits?.messageChars ?? 2000,
      messagesPerSession: options.limits?.messagesPerSession ?? 50,
      perIp: options.limits?.perIp ?? { limit: 30, windowSeconds: 60 },
      perSession: options.limits?.perSession ?? { limit: 10, windowSeconds: 60 },
    },
    model: options.model,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    retention: {
      autoRun: options.retention?.autoRun ?? true,
      batchSize: options.retention?.batchSize ?? 500,
      cron: options.retention?.cron ?? '0 30 3 * * *',
      days: retentionDays(options.retention?.days),
      queue: options.retention?.queue ?? 'chat',
    },
    retrieval: {
      maxSources: options.retrieval?.maxSources ?? 4,
      maxSuggestions: options.retrieval?.maxSuggestions ?? 3,
      minCoverage: options.retrieval?.minCoverage ?? 0.5,
      minExpandedCoverage: options.retrieval?.minExpandedCoverage ?? 0.3,
      minSimilarity: options.retrieval?.minSimilarity ?? 0.5,
      minTitleCoverage: options.retrieval?.minTitleCoverage ?? 0.25,
    },
    siteName: options.siteName ?? 'this site',
    suggestions: {
      cacheSeconds: options.suggestions?.cacheSeconds ?? 30,
      collections: options.suggestions?.collections ?? [],
      count: suggestionCount(options.suggestions?.count),
      questionsFor: options.suggestions?.questionsFor,
      update: options.suggestions?.update ?? options.access.read,
    },
    texts: {
      unanswered: options.texts?.unanswered ?? "I don't know: I couldn't find anything about that on {site}.",
      unsure: options.texts?.unsure ?? "I'm not sure {site} answers that. These pages come closest: {pages}.",
    },
    userCollection,
  }
}

/** Where the config keeps the resolved options, for what runs outside a request (scripts, jobs). */
export const chatContextKey = 'askfolioChat'

/** The chat's resolved options, from a running Payload. */
export function getChatContext(payload: Payload): ChatContext {
  const context = (payload.config.custom as Record<string, unknown> | undefined)?.[chatContextKey] as
    ChatContext | undefined
  if (!context) throw new Error('The chat plugin is not installed in this Payload config.')
  return context
}
