import type { PayloadRequest } from 'payload'

import type { Resource } from '../access/resources'

import { getScope } from '../access/getPermissions'
import { isAdmin } from '../access/isAdmin'
import { createLocalEmbedder, createOpenAIEmbedder, type Embedder, type RetrievalPluginOptions } from '../plugins/retrieval'
import { env, jobsAutoRun, rateLimitWindowSeconds } from './env'

/**
 * The embedder from the environment: OpenAI-compatible when EMBEDDINGS_PROVIDER=openai (the default
 * when OPENAI_API_KEY is set), otherwise the local, offline one. Both make EMBEDDING_DIMENSIONS-long
 * vectors (default 1536), the size of the index's vector column.
 */
export function embedderFromEnv(): Embedder {
  const dimensions = Number(env('EMBEDDING_DIMENSIONS', '1536'))
  const provider = env('EMBEDDINGS_PROVIDER', process.env.OPENAI_API_KEY ? 'openai' : 'local')
  if (provider === 'local') return createLocalEmbedder({ dimensions })
  if (provider !== 'openai') throw new Error(`EMBEDDINGS_PROVIDER must be "openai" or "local", not "${provider}"`)
  return createOpenAIEmbedder({
    apiKey: env('OPENAI_API_KEY', 'not-set'),
    baseURL: process.env.OPENAI_BASE_URL || undefined,
    dimensions,
    maxRetries: Number(env('OPENAI_MAX_RETRIES', '3')),
    model: env('EMBEDDING_MODEL', 'text-embedding-3-small'),
    timeoutMs: Number(env('OPENAI_TIMEOUT_MS', '30000')),
  })
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** What the site's search and chatbot know: published projects, blog posts, skills, and the profile. */
export function retrievalOptions(): RetrievalPluginOptions {
  return {
    access: {
      reindex: isAdmin,
      requeue: async ({ collection, req }) => (await getScope(req as PayloadRequest, collection as Resource, 'update')) !== null,
      status: async ({ req }) => (await getScope(req as PayloadRequest, 'projects', 'read')) !== null,
    },
    autoRun: jobsAutoRun(),
    disabled: env('RETRIEVAL_DISABLED', 'false') === 'true',
    collections: {
      'blog-posts': {
        fields: ['excerpt', 'content', { field: 'skills', label: 'Topics', pick: 'name' }],
        title: (doc) => text(doc.title),
        url: (doc) => `/blog/${text(doc.slug)}`,
      },
      projects: {
        fields: [
          'summary',
          'description',
          { field: 'skills', label: 'Built with', pick: 'name' },
          { field: 'repoUrl', label: 'Source code' },
          { field: 'liveUrl', label: 'Live site' },
        ],
        title: (doc) => text(doc.title),
        url: (doc) => `/projects/${text(doc.slug)}`,
      },
      skills: {
        fields: [{ field: 'category', label: 'Category' }, { field: 'level', label: 'Level' }, 'description'],
        title: (doc) => text(doc.name),
        url: (doc) => `/skills/${text(doc.slug)}`,
      },
    },
    embedder: embedderFromEnv(),
    globals: {
      profile: {
        fields: [
          'headline',
          { field: 'location', label: 'Based in' },
          'bio',
          {
            field: 'socialLinks',
            format: (links) => ((links as { platform: string; url: string }[]) ?? []).map((link) => `${link.platform}: ${link.url}`).join(', '),
            label: 'Links',
          },
        ],
        title: (doc) => (doc.name ? `About ${text(doc.name)}` : 'About'),
        url: () => '/',
      },
    },
    retries: {
      attempts: Number(env('INDEX_RETRY_ATTEMPTS', '4')),
      delayMs: Number(env('INDEX_RETRY_DELAY_MS', '2000')),
      retryFailedCron: env('INDEX_RETRY_FAILED_CRON', '0 */5 * * * *'),
    },
    searchRateLimit: { limit: Number(env('SEARCH_RATE_LIMIT_PER_IP', '60')), windowSeconds: rateLimitWindowSeconds() },
  }
}
