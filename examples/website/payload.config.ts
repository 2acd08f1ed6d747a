import { chatPlugin, createExtractiveChatModel } from '@askfolio/payload-chat'
import { jobsPlugin } from '@askfolio/payload-jobs'
import { addressFromHeader, retrievalPlugin } from '@askfolio/payload-retrieval'
import {
  closedMcpApiKeys,
  mcpJsonGuard,
  publishedContentTools,
  visitorMcpAccess,
} from '@askfolio/payload-retrieval/mcp'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { mcpPlugin } from '@payloadcms/plugin-mcp'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import { Pages } from './collections/Pages'
import { Posts } from './collections/Posts'
import { Users } from './collections/Users'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const mcpTools = publishedContentTools({ publicUrl: process.env.PUBLIC_URL || undefined })

/** A plain Payload website, as Payload's website template has it, with search and a chatbot. */
export default buildConfig({
  admin: { importMap: { baseDir: dirname }, user: Users.slug },
  collections: [Pages, Posts, Users],
  db: postgresAdapter({
    migrationDir: path.resolve(dirname, 'migrations'),
    pool: { connectionString: process.env.DATABASE_URL },
    push: false,
  }),
  editor: lexicalEditor(),
  plugins: [
    retrievalPlugin({
      // The address the site's reverse proxy passes on (it must overwrite what a client sends).
      clientAddress: addressFromHeader('x-real-ip'),
      collections: {
        pages: { fields: ['content'], title: (doc) => String(doc.title), url: (doc) => `/${doc.slug}` },
        posts: {
          fields: ['excerpt', 'content'],
          title: (doc) => String(doc.title),
          url: (doc) => `/posts/${doc.slug}`,
        },
      },
    }),
    chatPlugin({
      access: { read: ({ req }) => Boolean(req.user) },
      model: createExtractiveChatModel(),
      publicUrl: process.env.PUBLIC_URL || undefined,
      siteName: 'the example website',
    }),
    // search and fetch for AI assistants at /api/mcp; every client reads as a visitor, without a key.
    mcpPlugin({
      mcp: { tools: mcpTools },
      overrideApiKeyCollection: closedMcpApiKeys,
      overrideAuth: visitorMcpAccess(mcpTools),
    }),
    // A body that is not JSON gets a parse error (the MCP handler alone would never answer it).
    mcpJsonGuard(),
    jobsPlugin(),
  ],
  secret: process.env.PAYLOAD_SECRET || '',
  telemetry: false,
  typescript: { autoGenerate: false },
})
