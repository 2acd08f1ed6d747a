import type { Payload, PayloadRequest } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { z } from 'zod'

import { getRetrievalContext } from '../context'
import { maxQueryLength } from '../endpoints/searchEndpoint'
import { readPublished } from '../indexing/readPublished'
import { clientAddressOf, hitRateLimit } from '../rateLimit/rateLimit'
import { searchIndex } from '../search/searchIndex'
import { hasControlCharacters } from '../text/hasControlCharacters'

/** A tool in the shape `@payloadcms/plugin-mcp` takes in `mcp.tools`. */
export type McpTool = {
  description: string
  handler: (
    args: Record<string, unknown>,
    req: PayloadRequest,
  ) => Promise<{ content: { text: string; type: 'text' }[] }>
  name: string
  parameters: z.ZodRawShape
}

export type PublishedContentToolsOptions = {
  /**
   * The site's origin, so results carry absolute links an assistant can cite.
   * @default none: links are paths
   */
  publicUrl?: string
  /**
   * The most results one search returns.
   * @default 10
   */
  searchLimit?: number
}

const asText = (value: unknown) => ({ content: [{ text: JSON.stringify(value, null, 2), type: 'text' as const }] })
const entities: Record<string, string> = { '&#39;': "'", '&amp;': '&', '&gt;': '>', '&lt;': '<', '&quot;': '"' }
/** The search snippet is safe HTML with `<mark>`s; an assistant gets it as plain text. */
const plain = (snippet: string) =>
  snippet.replace(/<\/?mark>/g, '').replace(/&(?:#39|amp|gt|lt|quot);/g, (entity) => entities[entity])
/** plugin-mcp looks custom tools up by their camel-cased names (its `toCamelCase`). */
const camelCase = (name: string) =>
  name
    .replace(/[-_\s]+(.)?/g, (_, chr?: string) => (chr ? chr.toUpperCase() : ''))
    .replace(/^(.)/, (chr) => chr.toLowerCase())
const idOf = (collection: string, id: string) => `${collection}:${id}`

/**
 * The indexed document an id from `search` names, or null: `collection:id` with an id of the
 * collection's type (checked here, so a malformed one never reaches the database), or `global:global`.
 */
function refFromId(payload: Payload, sources: RetrievalContext['sources'], id: string): null | SourceRef {
  const at = id.indexOf(':')
  const source = at > 0 ? sources.get(id.slice(0, at)) : undefined
  const rest = id.slice(at + 1)
  if (!source) return null
  if (source.kind === 'global') return rest === source.slug ? { id: rest, kind: 'global', slug: source.slug } : null
  const idType = new Map(Object.entries(payload.collections)).get(source.slug)?.customIDType ?? payload.db.defaultIDType
  const valid = idType === 'number' ? /^[1-9]\d{0,14}$/.test(rest) : rest !== '' && !hasControlCharacters(rest)
  return valid ? { id: rest, kind: 'collection', slug: source.slug } : null
}

/**
 * The site's published content as two MCP tools, `search` and `fetch` (the pair that assistants'
 * research modes look for): a hybrid search over what visitors can see, and one published
 * document's indexed text by the id a search returned. Both read as an anonymous visitor whoever
 * calls, share `/api/search`'s rate limit, and never return a draft, a trashed document or a field
 * the index does not hold.
 */
export function publishedContentTools(options: PublishedContentToolsOptions = {}): McpTool[] {
  if (options.publicUrl && !URL.canParse(options.publicUrl)) {
    throw new Error(`publishedContentTools: publicUrl "${options.publicUrl}" is not an absolute URL`)
  }
  const link = (url: null | string) => (url && options.publicUrl ? new URL(url, options.publicUrl).toString() : url)
  const search: McpTool = {
    name: 'search',
    description:
      "Searches the site's published pages and returns the best matches, each with an id for `fetch`, its title, link and a snippet.",
    parameters: {
      query: z.string().trim().min(1).max(maxQueryLength).describe('What to look for, in words or as a question.'),
    },
    handler: async (args, req) => {
      const query = String(args.query)
      if (hasControlCharacters(query)) throw new Error('The query may not contain control characters.')
      const context = getRetrievalContext(req.payload)
      const decision = await hitRateLimit(req.payload, `search:${clientAddressOf(req)}`, context.searchRateLimit)
      if (!decision.allowed) throw new Error(`Too many searches; try again in ${decision.retryAfterSeconds} s.`)
      const hits = await searchIndex(req.payload, context, query, { limit: options.searchLimit ?? 10 })
      return asText({
        results: hits.map((hit) => ({
          id: idOf(hit.collection, hit.id),
          snippet: plain(hit.snippet),
          title: hit.title,
          url: link(hit.url),
        })),
      })
    },
  }
  const fetch: McpTool = {
    name: 'fetch',
    description: 'Returns one published document of the site in full (title, link and text) by the id `search` gave.',
    parameters: { id: z.string().min(3).max(200).describe('An id from `search`, such as "posts:12".') },
    handler: async (args, req) => {
      const id = String(args.id)
      const context = getRetrievalContext(req.payload)
      const ref = refFromId(req.payload, context.sources, id)
      const document = ref ? await readVisible(req, context, ref, id) : null
      if (!document) throw new Error(`No published document has the id "${id}".`)
      return asText({
        id,
        metadata: { collection: document.collection },
        text: document.text,
        title: document.title,
        url: link(document.url),
      })
    },
  }
  return [search, fetch]
}

/** `readPublished`, with any failure logged and told to the client without its details. */
async function readVisible(req: PayloadRequest, context: RetrievalContext, ref: SourceRef, id: string) {
  try {
    return await readPublished(req.payload, context, ref)
  } catch (err) {
    // Never a database error to a visitor: it would name tables and columns (the cause stays on the server).
    req.payload.logger.error({ err, id, msg: 'MCP fetch: reading a published document failed' })
    throw new Error(`The document "${id}" could not be read; try again later.`, { cause: err })
  }
}

/**
 * For `@payloadcms/plugin-mcp`'s `overrideAuth`: every MCP client is an anonymous visitor (no API key,
 * no user) allowed the given tools only, so it reads what the site's visitors read.
 */
export const visitorMcpAccess =
  (tools: McpTool[]) => async (): Promise<{ 'payload-mcp-tool': Record<string, boolean>; user: never }> => ({
    'payload-mcp-tool': Object.fromEntries(tools.map((tool) => [camelCase(tool.name), true])),
    // No user: the Local API calls the tools make run with a visitor's access.
    user: null as never,
  })

const nobody = () => false

/**
 * For `@payloadcms/plugin-mcp`'s `overrideApiKeyCollection`, beside `visitorMcpAccess`: the plugin
 * always adds its API-key collection, and a key signs its holder in to the REST and GraphQL APIs too.
 * With visitor access no key is needed, so nobody may make, read or change one, and the admin hides it.
 */
export const closedMcpApiKeys = <Collection extends { access?: object; admin?: object }>(
  collection: Collection,
): Collection => ({
  ...collection,
  access: { ...collection.access, create: nobody, delete: nobody, read: nobody, unlock: nobody, update: nobody },
  admin: { ...collection.admin, hidden: true },
})
