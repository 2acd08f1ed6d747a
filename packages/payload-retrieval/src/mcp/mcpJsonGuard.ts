import { definePlugin, type Endpoint, type PayloadHandler } from 'payload'

const parseError = () =>
  Response.json(
    { error: { code: -32700, message: 'Parse error: the request body is not JSON.' }, id: null, jsonrpc: '2.0' },
    { status: 400 },
  )

/*
 * The MCP plugin's handler (mcp-handler) parses the body where a failure rejects a promise nobody
 * awaits: a request whose body is not JSON never gets an answer. This reads the body first, answers
 * JSON-RPC's parse error (400) on bad JSON, and hands the same bytes on otherwise.
 */
const guarded =
  (handler: PayloadHandler): PayloadHandler =>
  async (req) => {
    const text = req.text ? await req.text() : ''
    try {
      JSON.parse(text)
    } catch {
      return parseError()
    }
    // The request's own stream is spent: the handler reads the same text from a fresh one.
    Object.defineProperty(req, 'body', { value: new Blob([text]).stream() })
    return handler(req)
  }

const guardEndpoint = (endpoint: Endpoint): Endpoint =>
  endpoint.path === '/mcp' && endpoint.method === 'post'
    ? { ...endpoint, handler: guarded(endpoint.handler) }
    : endpoint

/** Put in `plugins` with `@payloadcms/plugin-mcp`; it runs after it (order 11 against its 10) and wraps its endpoint. */
export const mcpJsonGuard = definePlugin({
  order: 11,
  plugin: ({ config }) => ({ ...config, endpoints: (config.endpoints ?? []).map(guardEndpoint) }),
  slug: '@askfolio/mcp-json-guard',
})
