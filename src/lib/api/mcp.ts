import { type MCPAccessSettings, type MCPPluginConfig, mcpPlugin } from '@payloadcms/plugin-mcp'
import type { CollectionConfig, Endpoint, Plugin, TypedUser } from 'payload'
import { z } from 'zod'

import { admins } from '@/access/rules'
import { slugs } from '@/collections/slugs'
import { documented } from '@/plugins/openapi'
import { addressKey, consumeLimit, RateLimitError } from '@/plugins/rateLimits'
import { SearchRequestError, searchVendors, VENDOR_SEARCH_PARAMETERS } from '@/plugins/search'

import packageJson from '../../../package.json' with { type: 'json' }

/** What an assistant may read, each through the Local API as its caller (`overrideAccess: false`). */
const READABLE = {
  [slugs.vendors]:
    'Vendor profiles: every published one for anyone; your own profile in full with your key.',
  [slugs.reviews]: 'Published reviews of vendors, with the vendor’s public reply.',
  [slugs.jobs]:
    'Jobs: a vendor reads those on the board (open, closed or booked; the street address only of a job they are booked for); an organizer their own. Signed out, none.',
  [slugs.applications]:
    'Quotes: a vendor reads the ones they sent, an organizer those on their jobs.',
  [slugs.bookings]: 'Bookings: each side reads their own.',
} as const

const text = (value: unknown, isError = false) => ({
  content: [{ type: 'text' as const, text: JSON.stringify(value) }],
  ...(isError && { isError: true }),
})

/**
 * The plugin answers a failed read with the error's own message, a database error's SQL
 * included; REST answers a refusal or a missing document with a sentence and anything else
 * with a generic 500. So does this.
 */
const withoutErrorDetail = (response: { content: { text: string; type: string }[] }) =>
  response.content.some((part) => /^(❌|Error:)/.test(part.text))
    ? {
        content: [
          {
            type: 'text',
            text: '❌ Nothing to show: it does not exist, or this caller may not read it.',
          },
        ],
      }
    : response

/** `searchVendors`: the site's own vendor search, with the REST search's parameters and rules. */
const searchVendorsTool = {
  name: 'searchVendors',
  description:
    'Search vendors by words, category, place, region, price, rating and free dates, as GET /api/vendors/search does; answers the same hits, page and facets.',
  parameters: VENDOR_SEARCH_PARAMETERS,
  handler: async (args: Record<string, unknown>, req: Parameters<typeof searchVendors>[0]) => {
    // The search reads a query string: the same values as text.
    const query = Object.fromEntries(
      Object.entries(args)
        .filter(([, value]) => value !== undefined && value !== null)
        .map(([key, value]) => [key, String(value)]),
    )
    try {
      // Each call is a search: it counts against the same budget as GET /api/vendors/search.
      const caller = req.user ? `user:${req.user.id}` : addressKey(req.payload, req.headers)
      await consumeLimit(req.payload, req.user ? 'searchSignedIn' : 'searchAnonymous', [caller])
      return text((await searchVendors(req, query)).data)
    } catch (error) {
      if (error instanceof SearchRequestError) {
        return text({ error: error.message, problems: error.details }, true)
      }
      if (error instanceof RateLimitError) return text({ error: error.message }, true)
      req.payload.logger.error({ err: error, msg: 'MCP vendor search failed' })
      return text({ error: 'Search is not available right now. Please try again.' }, true)
    }
  },
}

/**
 * Who the assistant acts as: the account of the API key (or session) Payload authenticated
 * the request with, or nobody. Each tool then reads as that account, under the access rules
 * REST applies; there are no MCP-only keys or permissions.
 */
const asCaller = (req: { user?: unknown }): MCPAccessSettings => ({
  user: (req.user ?? null) as TypedUser,
  ...Object.fromEntries(Object.keys(READABLE).map((slug) => [slug, { find: true }])),
  'payload-mcp-tool': { searchVendors: true },
})

/**
 * Payload's MCP plugin always adds its own key collection, an auth collection of MCP-only
 * keys. Keys here are the accounts' own, so it is no way in (no `auth`: a second kind of user
 * would be a second set of access rules) and is left to admins, out of the navigation.
 */
const inertKeyCollection = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  auth: false,
  access: { read: admins, create: admins, update: admins, delete: admins },
  admin: { ...collection.admin, hidden: true },
})

const mcpOptions: MCPPluginConfig = {
  collections: Object.fromEntries(
    Object.entries(READABLE).map(([slug, description]) => [
      slug,
      { enabled: { find: true }, description, overrideResponse: withoutErrorDetail },
    ]),
  ),
  mcp: {
    // Typed against the plugin's own zod 3; the MCP SDK reads zod 4 shapes as well.
    tools: [searchVendorsTool] as unknown as NonNullable<MCPPluginConfig['mcp']>['tools'],
    serverOptions: {
      serverInfo: { name: 'Event Pros NZ', version: packageJson.version },
      instructions:
        'Event Pros NZ is a marketplace of event vendors in New Zealand. Use searchVendors to find vendors; the find tools read vendor profiles, reviews and, with the user’s API key, their own jobs, quotes and bookings.',
    },
    handlerOptions: { disableSse: true },
  },
  overrideAuth: (req) => asCaller(req),
  overrideApiKeyCollection: inertKeyCollection,
}

const JsonRpcRequest = z
  .object({
    jsonrpc: z.literal('2.0'),
    method: z.string().describe('`initialize`, `tools/list`, `tools/call`, …'),
    id: z.union([z.string(), z.number()]).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('A JSON-RPC 2.0 message of the Model Context Protocol.')

/** An MCP message is small; anything larger is refused before it is read whole. */
export const MAX_MCP_BODY_BYTES = 256 * 1024

const jsonRpcError = (status: number, code: number, message: string) =>
  Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status })

/** The body as text, or null once it passes `MAX_MCP_BODY_BYTES` (declared or streamed). */
const boundedText = async (req: Parameters<Endpoint['handler']>[0]): Promise<string | null> => {
  if (Number(req.headers.get('content-length') ?? 0) > MAX_MCP_BODY_BYTES) return null
  if (!req.body) return ''
  const reader = (req.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_MCP_BODY_BYTES) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Checks the body before the plugin reads it. MCP's transport leaves a request with a broken
 * body unanswered until it times out, and would run a batch of thousands of calls as one
 * request (one count against the rate limits): so a body that is not one JSON-RPC 2.0 message
 * is a 400 here (MCP itself no longer batches), one over 256 KB a 413, and a notification,
 * which needs no answer, a 202.
 */
const checkedBody =
  (handler: Endpoint['handler']): Endpoint['handler'] =>
  async (req) => {
    const raw = await boundedText(req)
    if (raw === null) {
      return jsonRpcError(413, -32600, `The body is larger than ${MAX_MCP_BODY_BYTES / 1024} KB.`)
    }
    let message: unknown
    try {
      message = JSON.parse(raw)
    } catch {
      return jsonRpcError(400, -32700, 'The body is not JSON.')
    }
    if (Array.isArray(message)) {
      return jsonRpcError(
        400,
        -32600,
        'Send one JSON-RPC message per request; batches are not taken.',
      )
    }
    const parsed = JsonRpcRequest.safeParse(message)
    if (!parsed.success) {
      return jsonRpcError(400, -32600, 'The body is not a JSON-RPC 2.0 request.')
    }
    if (parsed.data.id === undefined) return new Response(null, { status: 202 })
    // The plugin reads the body again: the same text, as a body not yet read.
    Object.defineProperties(req, {
      body: { value: new Response(raw).body, configurable: true },
      bodyUsed: { value: false, configurable: true },
      text: { value: async () => raw, configurable: true },
      json: { value: async () => JSON.parse(raw), configurable: true },
    })
    return handler(req)
  }

/** `GET /api/mcp`: Streamable HTTP's server-sent stream, which a stateless server does not offer. */
const notOffered: Endpoint['handler'] = async () =>
  Response.json(
    {
      jsonrpc: '2.0',
      error: { code: -32000, message: 'Method not allowed: POST one message.' },
      id: null,
    },
    { status: 405, headers: { Allow: 'POST' } },
  )

/** The plugin's routes: POST bodies checked, and both described for the API reference. */
const ownMcpEndpoints = (endpoints: Endpoint[]): Endpoint[] =>
  endpoints.map((endpoint) =>
    endpoint.path !== '/mcp'
      ? endpoint
      : documented(
          {
            summary:
              endpoint.method === 'post'
                ? 'Model Context Protocol server (Streamable HTTP)'
                : 'MCP server: GET is not supported',
            description:
              'For AI assistants: tools to search vendors and read vendor profiles, reviews, and — with the user’s API key (`Authorization: users API-Key <key>`) — their own jobs, quotes and bookings, under the same access rules as REST. Point an MCP client at `/api/mcp`. One JSON-RPC 2.0 message per request, at most 256 KB (400 or 413 with a JSON-RPC error otherwise).',
            caller: 'public',
            tag: 'MCP',
            ...(endpoint.method === 'post' && { body: JsonRpcRequest }),
            response: {
              contentType: 'application/json',
              description: 'The JSON-RPC answer (or an event stream of answers).',
            },
          },
          {
            ...endpoint,
            handler: endpoint.method === 'post' ? checkedBody(endpoint.handler) : notOffered,
          },
        ),
  )

/**
 * `POST /api/mcp`: Payload's MCP plugin with the options above. Called in the plugins list's
 * order (the plugin asks to run last), so the plugins after it — the staff audit, the API
 * reference, strict input — see its routes and its key collection.
 */
export const mcpServerPlugin: Plugin = async (config) => {
  const withMcp = await mcpPlugin(mcpOptions)(config)
  return { ...withMcp, endpoints: ownMcpEndpoints(withMcp.endpoints ?? []) }
}
