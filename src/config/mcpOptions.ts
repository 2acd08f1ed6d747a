import type { MCPPluginConfig } from '@payloadcms/plugin-mcp'

import { closedMcpApiKeys, publishedContentTools, visitorMcpAccess } from '@askfolio/payload-retrieval/mcp'

import { env } from './env'

/*
 * MCP (`POST /api/mcp`, streamable HTTP) with two tools, `search` and `fetch`, over the published
 * content. Every client reads as an anonymous visitor, so the plugin's API keys are not used: its
 * key collection (which it always adds) is hidden and closed to everyone.
 */
export function mcpOptions(): MCPPluginConfig {
  const tools = publishedContentTools({ publicUrl: process.env.PUBLIC_URL || undefined })
  return {
    mcp: {
      serverOptions: {
        instructions: `Search and read what ${env('SITE_NAME', 'this portfolio')} has published: \`search\` finds pages, \`fetch\` reads one by its id.`,
        serverInfo: { name: 'askfolio', version: '0.1.0' },
      },
      tools,
    },
    overrideApiKeyCollection: closedMcpApiKeys,
    overrideAuth: visitorMcpAccess(tools),
  }
}
