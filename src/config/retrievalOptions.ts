import type { PayloadRequest } from 'payload'

import type { Resource } from '../access/resources'

import {
  addressFromHeader,
  createLocalEmbedder,
  createOpenAIEmbedder,
  type Embedder,
  type RetrievalPluginOptions,
} from '@askfolio/payload-retrieval'

import { getScope } from '../access/getPermissions'
import { isAdmin } from '../access/isAdmin'
import { documentExtension, documentFileUrl, documentPageUrl } from '../documents/documentFileTypes'
import { announceIndexChanged } from '../pageCache/invalidatePages'
import { env, jobsAutoRun, megabytesFromEnv, rateLimitWindowSeconds } from './env'
import { expansionFromEnv } from './queryExpansion'

/** EMBEDDING_DIMENSIONS (default 1536): the size of the index's vector column, and of the model's vectors. */
const embeddingDimensions = () => Number(env('EMBEDDING_DIMENSIONS', '1536'))

/**
 * The embedder from the environment: OpenAI-compatible when EMBEDDINGS_PROVIDER=openai (the default
 * when OPENAI_API_KEY is set); the local hashing one when it is `local`; otherwise (`none`, the
 * offline default) no embedder, and search is full text only. The local one adds +0.002 nDCG@10 on
 * SciFact for most of the indexing time and, on the embedded database, most of each search's
 * (docs/benchmarks.md), so it is not the default.
 */
export function embedderFromEnv(): Embedder | undefined {
  const dimensions = embeddingDimensions()
  const provider = env('EMBEDDINGS_PROVIDER', process.env.OPENAI_API_KEY ? 'openai' : 'none')
  if (provider === 'none') return undefined
  if (provider === 'local') return createLocalEmbedder({ dimensions })
  if (provider !== 'openai')
    throw new Error(`EMBEDDINGS_PROVIDER must be "openai", "local" or "none", not "${provider}"`)
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

/** What the site's search and chatbot know: published projects, blog posts, FAQ entries, documents, skills, and the profile. */
export function retrievalOptions(): RetrievalPluginOptions {
  return {
    access: {
      reindex: isAdmin,
      requeue: async ({ collection, req }) =>
        (await getScope(req as PayloadRequest, collection as Resource, 'update')) !== null,
      status: async ({ req }) => (await getScope(req as PayloadRequest, 'projects', 'read')) !== null,
    },
    autoRun: jobsAutoRun(),
    // server.ts sets it from Express's req.ip, replacing whatever the visitor sent (src/server/clientAddress.ts).
    clientAddress: addressFromHeader('x-real-ip'),
    disabled: env('RETRIEVAL_DISABLED', 'false') === 'true',
    collections: {
      'blog-posts': {
        fields: ['excerpt', 'content', { field: 'skills', label: 'Topics', pick: 'name' }],
        title: (doc) => text(doc.title),
        url: (doc) => `/blog/${text(doc.slug)}`,
      },
      // The question is the title (it weighs most), and each entry is cited at its place on /faq.
      faq: {
        fields: [
          {
            field: 'otherPhrasings',
            format: (phrasings) => ((phrasings as string[]) ?? []).join('\n'),
            label: 'Also asked',
          },
          'answer',
        ],
        title: (doc) => text(doc.question),
        url: (doc) => `/faq#${text(doc.slug)}`,
      },
      // The file's text follows the description; a PDF's chunks cite /documents/<slug>.pdf#page=N.
      documents: {
        fields: ['description', { field: 'skills', label: 'Skills', pick: 'name' }],
        file: true,
        title: (doc) => text(doc.title),
        url: (doc) =>
          documentExtension(doc.filename) === 'pdf'
            ? documentFileUrl(text(doc.slug), doc.filename)
            : documentPageUrl(text(doc.slug)),
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
    dimensions: embeddingDimensions(),
    // Permissions and the audit trail: private whatever an option says. (Accounts are refused anyway.)
    neverIndex: ['roles', 'audit-logs'],
    embedder: embedderFromEnv(),
    expansion: expansionFromEnv(),
    globals: {
      profile: {
        fields: [
          'headline',
          { field: 'location', label: 'Based in' },
          'bio',
          {
            field: 'socialLinks',
            format: (links) =>
              ((links as { platform: string; url: string }[]) ?? [])
                .map((link) => `${link.platform}: ${link.url}`)
                .join(', '),
            label: 'Links',
          },
        ],
        title: (doc) => (doc.name ? `About ${text(doc.name)}` : 'About'),
        url: () => '/',
      },
    },
    files: {
      maxBytes: megabytesFromEnv('DOCUMENT_MAX_MB', 20),
      maxMemoryMb: Number(env('DOCUMENT_MAX_MEMORY_MB', '512')),
      maxPages: Number(env('DOCUMENT_MAX_PAGES', '500')),
      timeoutMs: Number(env('DOCUMENT_TIMEOUT_MS', '60000')),
    },
    retries: {
      attempts: Number(env('INDEX_RETRY_ATTEMPTS', '4')),
      delayMs: Number(env('INDEX_RETRY_DELAY_MS', '2000')),
      retryFailedCron: env('INDEX_RETRY_FAILED_CRON', '0 */5 * * * *'),
    },
    // Pages that show related documents are dropped again once the index holds a save's change.
    onIndexed: announceIndexChanged,
    postingsPerWord: Number(env('SEARCH_POSTINGS_PER_WORD', '1000')),
    searchRateLimit: { limit: Number(env('SEARCH_RATE_LIMIT_PER_IP', '60')), windowSeconds: rateLimitWindowSeconds() },
  }
}
