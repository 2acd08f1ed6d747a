// The site's published content as MCP tools, for `@payloadcms/plugin-mcp` (needs `zod`).
export {
  closedMcpApiKeys,
  type McpTool,
  publishedContentTools,
  type PublishedContentToolsOptions,
  visitorMcpAccess,
} from '../mcp/publishedContentTools'
export { mcpJsonGuard } from '../mcp/mcpJsonGuard'
