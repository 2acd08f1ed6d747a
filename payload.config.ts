import { chatPlugin } from '@askfolio/payload-chat'
import { jobsPlugin } from '@askfolio/payload-jobs'
import { type RetrievalPluginOptions, retrievalPlugin } from '@askfolio/payload-retrieval'
import { mcpJsonGuard } from '@askfolio/payload-retrieval/mcp'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { mcpPlugin } from '@payloadcms/plugin-mcp'
import { BlocksFeature, CodeBlock, FixedToolbarFeature, lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig, type CollectionConfig } from 'payload'
import sharp from 'sharp'

import { adminOnlyJobs } from './src/access/adminOnlyJobs'
import { AuditLogs } from './src/collections/AuditLogs'
import { BlogPosts } from './src/collections/BlogPosts'
import { Documents } from './src/collections/Documents'
import { Faq } from './src/collections/Faq'
import { Media } from './src/collections/Media'
import { Projects } from './src/collections/Projects'
import { Roles } from './src/collections/Roles'
import { Skills } from './src/collections/Skills'
import { Users } from './src/collections/Users'
import { chatOptions } from './src/config/chatOptions'
import { jobsAutoRun, jobsLeaseSeconds, megabytesFromEnv } from './src/config/env'
import { mcpOptions } from './src/config/mcpOptions'
import { retrievalOptions } from './src/config/retrievalOptions'
import { mediaStoragePlugin } from './src/config/storageOptions'
import { embeddedSafePlugin } from './src/db/embeddedSafe'
import { logPoolErrors } from './src/db/logPoolErrors'
import { poolOptions, readReplicaUrls } from './src/db/poolOptions'
import { emailPlugin } from './src/email/emailPlugin'
import { Profile } from './src/globals/Profile'
import { answerDatabaseUnavailable } from './src/hooks/answerDatabaseUnavailable'
import { withAuditLog, withGlobalAuditLog } from './src/hooks/audit/attachAuditLog'
import { auditPluginGlobals } from './src/hooks/audit/auditPluginGlobals'
import { withTextTypeChecks } from './src/hooks/rejectNonTextValues'
import { withGlobalPageInvalidation, withPageInvalidation } from './src/pageCache/invalidatePages'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/**
 * The app's config; `overrides` lets tests and scripts run the same app with other retrieval options,
 * and tests with collections of their own (which no migration creates: see tests/helpers/createTablesFor.ts).
 */
export const buildAppConfig = (
  overrides: { collections?: CollectionConfig[]; retrieval?: Partial<RetrievalPluginOptions> } = {},
) =>
  buildConfig({
    admin: {
      avatar: 'default',
      importMap: { baseDir: path.resolve(dirname, 'src') },
      meta: { titleSuffix: ' · askfolio' },
      user: Users.slug,
    },
    // The collections the site shows invalidate its cached pages when they change.
    collections: [
      ...[Projects, BlogPosts, Faq, Documents, Skills, Media].map(withPageInvalidation()),
      // A blog post names its author.
      withPageInvalidation({ shownFields: ['name'] })(Users),
      Roles,
    ]
      .map(withAuditLog)
      .concat(AuditLogs)
      .map(withTextTypeChecks)
      .concat(overrides.collections ?? []),
    db: postgresAdapter({
      migrationDir: path.resolve(dirname, 'migrations'),
      pool: { connectionString: process.env.DATABASE_URL, ...poolOptions() },
      readReplicas: readReplicaUrls(),
      // Schema changes ship as migrations everywhere, development included.
      push: false,
    }),
    editor: lexicalEditor({
      features: ({ defaultFeatures }) => [
        ...defaultFeatures,
        FixedToolbarFeature(),
        BlocksFeature({ blocks: [CodeBlock()] }),
      ],
    }),
    globals: [Profile].map(withGlobalPageInvalidation).map(withGlobalAuditLog),
    graphQL: { disablePlaygroundInProduction: true },
    // A request that failed because the database is unreachable answers 503 with Retry-After.
    hooks: { afterError: [answerDatabaseUnavailable] },
    // By default Payload lets any signed-in user run every queue and the schedules over the API.
    jobs: { access: { cancel: adminOnlyJobs, queue: adminOnlyJobs, run: adminOnlyJobs } },
    onInit: logPoolErrors,
    secret: process.env.PAYLOAD_SECRET || '',
    serverURL: process.env.PUBLIC_URL || '',
    plugins: [
      retrievalPlugin({ ...retrievalOptions(), ...overrides.retrieval }),
      chatPlugin(chatOptions()),
      // The chat's site-wide suggested questions are the editors' to change, and logged like the profile.
      auditPluginGlobals(['chat-settings']),
      // Search and fetch of the published content for AI assistants, with a visitor's access.
      mcpPlugin(mcpOptions()),
      // Answers a body that is not JSON with a parse error (the MCP handler would never answer it).
      mcpJsonGuard(),
      emailPlugin({ autoRun: jobsAutoRun() }),
      // After the plugins that add tasks: safe claims, heartbeats and leases for every job.
      jobsPlugin({ leaseSeconds: jobsLeaseSeconds() }),
      embeddedSafePlugin(),
      mediaStoragePlugin(),
    ],
    sharp,
    telemetry: false,
    typescript: {
      // Types are generated on purpose (npm run generate:types) and checked by the tests.
      autoGenerate: false,
      outputFile: path.resolve(dirname, 'payload-types.ts'),
    },
    upload: {
      limits: { fileSize: megabytesFromEnv('MAX_UPLOAD_MB', 10) },
    },
  })

export default buildAppConfig()
