import { type MCPAccessSettings, type MCPPluginConfig, mcpPlugin } from '@payloadcms/plugin-mcp'
import type { CollectionConfig, Endpoint, Plugin, TypedUser } from 'payload'
import { z } from 'zod'

import { admins } from '@/access/rules'
import { slugs } from '@/collections/slugs'
import { documented } from '@/plugins/openapi'
import { SearchRequestError, searchVendors, VENDOR_SEARCH_PARAMETERS } from '@/plugins/search'

import packageJson from '../../../package.json' with { type: 'json' }

/** What an assistant may read, each through the Local API as its caller (`overrideAccess: false`). */
const READABLE = {
  [slugs.vendors]:
    'Vendor profiles: every published one for anyone; your own profile in full with your key.',
  [slugs.reviews]: 'Published reviews of vendors, with the vendor’s public reply.',
  [slugs.jobs]:
    'Jobs: a vendor reads those open for quotes (and the ones they quoted on); an organizer their own. Signed out, none.',
  [slugs.applications]:
    'Quotes: a vendor reads the ones they sent, an organizer those on their jobs.',
  [slugs.bookings]: 'Bookings: each side reads their own.',
} as const

const text = (value: unknown, isError = false) => ({
  content: [{ type: 'text' as const, text: JSON.stringify(value) }],
  ...(isError && { isError: true }),
})

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
      return text((await searchVendors(req, query)).data)
    } catch (error) {
      if (error instanceof SearchRequestError) {
        return text({ error: error.message, problems: error.details }, true)
      }
      throw error
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
      { enabled: { find: true }, description },
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

const JsonRpcMessages = z.union([JsonRpcRequest, z.array(JsonRpcRequest).min(1)])

const jsonRpcError = (status: number, code: number, message: string) =>
  Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status })

/**
 * Checks the body is JSON-RPC before the plugin reads it: MCP's transport leaves a request
 * with a broken body unanswered until it times out, so a client's mistake is answered 400 here,
 * as JSON-RPC's parse and invalid-request errors.
 */
const checkedBody =
  (handler: Endpoint['handler']): Endpoint['handler'] =>
  async (req) => {
    const raw = req.text ? await req.text() : ''
    let message: unknown
    try {
      message = JSON.parse(raw)
    } catch {
      return jsonRpcError(400, -32700, 'The body is not JSON.')
    }
    if (!JsonRpcMessages.safeParse(message).success) {
      return jsonRpcError(400, -32600, 'The body is not a JSON-RPC 2.0 request.')
    }
    // The plugin reads the body again: it is handed the same text as a fresh stream.
    const body = new Response(raw).body
    const replayed = new Proxy(req, {
      get: (target, key) => {
        if (key === 'body') return body
        const value = Reflect.get(target, key, target) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    return handler(replayed)
  }

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
              'For AI assistants: tools to search vendors and read vendor profiles, reviews, and — with the user’s API key (`Authorization: users API-Key <key>`) — their own jobs, quotes and bookings, under the same access rules as REST. Point an MCP client at `/api/mcp`. A body that is not JSON-RPC 2.0 is answered 400 with a JSON-RPC error.',
            caller: 'public',
            tag: 'MCP',
            ...(endpoint.method === 'post' && { body: JsonRpcRequest }),
            response: {
              contentType: 'application/json',
              description: 'The JSON-RPC answer (or an event stream of answers).',
            },
          },
          endpoint.method === 'post'
            ? { ...endpoint, handler: checkedBody(endpoint.handler) }
            : endpoint,
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
