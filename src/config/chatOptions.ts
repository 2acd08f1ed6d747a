import type { PayloadRequest } from 'payload'

import { type ChatPluginOptions, createExtractiveChatModel, createOpenAIChatModel } from '@askfolio/payload-chat'

import { getScope } from '../access/getPermissions'
import { hasPermission } from '../access/hasPermission'
import { isAdmin } from '../access/isAdmin'
import { faqFromQuestions } from '../collections/Faq'
import { chatRetentionDays, env, jobsAutoRun, rateLimitWindowSeconds } from './env'
import { suggestedQuestions } from './suggestedQuestions'

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/**
 * The chat from the environment: an OpenAI-compatible model when CHAT_PROVIDER=openai (the default
 * with OPENAI_API_KEY), otherwise the offline extractive answerer.
 */
export function chatOptions(): ChatPluginOptions {
  const siteName = env('SITE_NAME', 'this portfolio')
  const provider = env('CHAT_PROVIDER', process.env.OPENAI_API_KEY ? 'openai' : 'extractive')
  if (provider !== 'openai' && provider !== 'extractive')
    throw new Error(`CHAT_PROVIDER must be "openai" or "extractive", not "${provider}"`)
  return {
    access: {
      // Visitors' conversations have no owner among editors, so a grant with scope `own` covers none
      // of them: only `all` reads the chat (as `own` reads nothing on other ownerless resources).
      read: async ({ req }) => (await getScope(req as PayloadRequest, 'chat', 'read')) === 'all',
      readSessionUser: isAdmin,
    },
    allowedOrigins: list(process.env.CHAT_ALLOWED_ORIGINS),
    checks: {
      // "Write an answer" starts an FAQ entry; the editor needs the faq create right.
      answerCollection: { fromQuestions: faqFromQuestions, slug: 'faq' },
      autoRun: jobsAutoRun(),
      cron: env('CHAT_CHECKS_CRON', '0 0 5 * * *'),
    },
    limits: {
      eventsPerIp: { limit: Number(env('CHAT_EVENTS_PER_IP', '120')), windowSeconds: rateLimitWindowSeconds() },
      perIp: { limit: Number(env('CHAT_RATE_LIMIT_PER_IP', '30')), windowSeconds: rateLimitWindowSeconds() },
      perSession: { limit: Number(env('CHAT_RATE_LIMIT_PER_SESSION', '10')), windowSeconds: rateLimitWindowSeconds() },
    },
    model:
      provider === 'openai'
        ? createOpenAIChatModel({
            apiKey: env('OPENAI_API_KEY', 'not-set'),
            baseURL: process.env.OPENAI_BASE_URL || undefined,
            maxRetries: Number(env('OPENAI_MAX_RETRIES', '2')),
            model: env('CHAT_MODEL', 'gpt-4o-mini'),
            siteName,
            timeoutMs: Number(env('OPENAI_TIMEOUT_MS', '30000')),
          })
        : createExtractiveChatModel(),
    publicUrl: process.env.PUBLIC_URL || undefined,
    retention: { autoRun: jobsAutoRun(), days: chatRetentionDays() },
    siteName,
    suggestions: {
      cacheSeconds: Number(env('CHAT_SUGGESTIONS_CACHE_SECONDS', '30')),
      collections: ['projects', 'blog-posts', 'skills', 'documents'],
      questionsFor: suggestedQuestions,
      // The site-wide questions show on every page, as the profile does: the same right changes both.
      update: hasPermission('profile', 'update'),
    },
    texts: {
      unanswered:
        "I don't know: I couldn't find anything about that on {site}. Try asking about the projects, the blog posts or the skills described here.",
    },
  }
}
