import type { Config } from 'payload'

import type { ChatPluginOptions } from './types'

import { afterDocumentIndexed, isRetrievalInstalled, withAutoRun } from '@askfolio/payload-retrieval'

import { buildChecksCollection } from './checks/checksCollection'
import { queueChecksAfterIndexing } from './checks/queueChecksAfterIndexing'
import { buildRunChecksTask } from './checks/runChecksTask'
import { buildMessagesCollection, buildSessionsCollection } from './collections/chatCollections'
import { type ChatContext, chatContextKey, resolveChatOptions } from './context'
import { chatEndpoint } from './endpoints/chatEndpoint'
import { preflightEndpoint } from './endpoints/cors'
import { engagementEndpoint } from './endpoints/engagementEndpoint'
import { feedbackEndpoint } from './endpoints/feedbackEndpoint'
import { insightsEndpoint } from './endpoints/insightsEndpoint'
import { suggestionsEndpoint } from './endpoints/suggestionsEndpoint'
import { writeAnswerEndpoint } from './endpoints/writeAnswerEndpoint'
import { buildEngagementCollection } from './engagement/engagementCollection'
import { insightsViewPath } from './insights/viewPath'
import { buildPruneChatSessionsTask } from './retention/pruneChatSessionsTask'
import { buildChatSettingsGlobal, withPinnedQuestions } from './suggestions/pinnedQuestions'
import { widgetEndpoint } from './widget/serveWidget'

export { checksSlug } from './checks/checksCollection'
export { type CheckRunResult, type ChecksSummary, runAnswerChecks } from './checks/runAnswerChecks'
export { runChecksTask } from './checks/runChecksTask'
export { createExtractiveChatModel } from './models/extractiveChatModel'
export { createOpenAIChatModel } from './models/openaiChatModel'
export { computeInsights, type ChatInsights } from './insights/computeInsights'
export type { ChatEngagement } from './insights/computeEngagement'
export { suggestQuestions } from './suggestions/suggestQuestions'
export {
  type ChatMessageRecord,
  type ChatSessionRecord,
  type ChatSessionsOf,
  findChatSessionsOf,
  purgeChatSessions,
} from './session/chatSessionsOf'
export { insightsViewPath } from './insights/viewPath'
export { pruneChatSessions } from './retention/pruneChatSessions'
export { pruneChatSessionsTask } from './retention/pruneChatSessionsTask'
export { widgetScript } from './widget/serveWidget'
export type {
  AnswerChecksOptions,
  AnswerCollection,
  ChatModel,
  ChatPluginOptions,
  ChatSource,
  ChatTurn,
  SuggestionOptions,
} from './types'

/**
 * Answers visitors' questions from the published content: `POST /api/chat` (JSON or streamed),
 * `POST /api/chat/feedback`, the embeddable widget (`GET /api/chat/widget.js`), and the sessions and
 * messages that record them (a session started by a signed-in user names them, so
 * `findChatSessionsOf` and `purgeChatSessions` can export and erase their conversations); for
 * editors, `GET /api/chat/insights` and the admin view it feeds (/admin/chat-insights); and a
 * scheduled job that deletes conversations past `retention.days`; and answer checks (`chat-checks`),
 * run after each indexed publish and on `checks.cron`, with "Write an answer" in the insights when
 * `checks.answerCollection` is set. The widget offers questions that fit its page
 * (`GET /api/chat/suggestions`; editors pin their own on the `suggestions.collections` and in the
 * `chat-settings` global) and counts views, opens, questions and source clicks
 * (`POST /api/chat/events`, no personal data) for the insights. It uses only what the retrieval
 * plugin exports (search, rate limits, autoRun, indexing events), so configure it after
 * `retrievalPlugin`. With `disabled`, only the collections and the two jobs remain: stored
 * conversations still expire, and checks do not run.
 */
export const chatPlugin =
  (options: ChatPluginOptions) =>
  (incoming: Config): Config => {
    if (!isRetrievalInstalled(incoming))
      throw new Error('chatPlugin needs retrievalPlugin: list it first in `plugins`.')
    const userCollection =
      incoming.admin?.user ?? incoming.collections?.find((collection) => collection.auth)?.slug ?? null
    const context = resolveChatOptions(options, userCollection)
    const sessionUser = userCollection
      ? { read: options.access.readSessionUser ?? (() => false), relationTo: userCollection }
      : undefined
    const pinnable = new Set(context.suggestions.collections)
    for (const slug of pinnable)
      if (!incoming.collections?.some((collection) => collection.slug === slug))
        throw new Error(`chatPlugin: suggestions.collections names "${slug}", which is not a collection.`)
    const config: Config = {
      ...incoming,
      custom: { ...incoming.custom, [chatContextKey]: context },
      collections: [
        ...(incoming.collections ?? []).map((collection) =>
          pinnable.has(collection.slug) ? withPinnedQuestions(collection) : collection,
        ),
        buildChecksCollection(options.access.read),
        buildSessionsCollection(options.access.read, sessionUser),
        buildMessagesCollection(options.access.read),
        buildEngagementCollection(options.access.read),
      ],
      globals: [
        ...(incoming.globals ?? []),
        buildChatSettingsGlobal({ read: options.access.read, update: context.suggestions.update }),
      ],
      jobs: {
        ...incoming.jobs,
        autoRun: withChatQueues(incoming.jobs?.autoRun, context),
        // The job's exclusive concurrency key needs it.
        enableConcurrencyControl: true,
        tasks: [
          ...(incoming.jobs?.tasks ?? []),
          buildPruneChatSessionsTask(context),
          buildRunChecksTask(context, Boolean(options.disabled)),
        ],
      },
    }
    if (options.disabled) return config
    afterDocumentIndexed(config, queueChecksAfterIndexing(context))
    config.endpoints = [
      ...(incoming.endpoints ?? []),
      ...(context.checks.answerCollection
        ? [writeAnswerEndpoint(context, options.access.read, context.checks.answerCollection)]
        : []),
      chatEndpoint(context),
      preflightEndpoint(context, '/chat'),
      feedbackEndpoint(context),
      preflightEndpoint(context, '/chat/feedback'),
      insightsEndpoint(options.access.read),
      suggestionsEndpoint(context),
      engagementEndpoint(context),
      preflightEndpoint(context, '/chat/events'),
      widgetEndpoint(),
    ]
    config.admin = {
      ...incoming.admin,
      components: {
        ...incoming.admin?.components,
        afterNavLinks: [
          ...(incoming.admin?.components?.afterNavLinks ?? []),
          '@askfolio/payload-chat/client#InsightsNavLink',
        ],
        views: {
          ...incoming.admin?.components?.views,
          chatInsights: {
            Component: '@askfolio/payload-chat/rsc#InsightsView',
            exact: true,
            meta: { title: 'Chat insights' },
            path: insightsViewPath,
          },
        },
      },
    }
    return config
  }

/** The queues this process runs for the chat (retention's, and the checks' if it is another), each once a minute. */
function withChatQueues(autoRun: NonNullable<Config['jobs']>['autoRun'], { checks, retention }: ChatContext) {
  // The first runner's tick may be late by a minute; nobody waits for a deletion or a check's result.
  const queues = [
    ...(retention.autoRun ? [retention.queue] : []),
    ...(checks.autoRun && !(retention.autoRun && checks.queue === retention.queue) ? [checks.queue] : []),
  ]
  return queues.reduce((runs, queue) => withAutoRun(runs, queue, 1, '0 * * * * *'), autoRun)
}
