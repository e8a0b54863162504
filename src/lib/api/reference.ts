import path from 'node:path'

import { configToSchema } from '@payloadcms/graphql'
import { printSchema } from 'graphql'
import type { Endpoint } from 'payload'
import { z } from 'zod'

import { checkRole } from '@/access/roles'
import { guarded, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { ERROR_CODES } from '@/lib/api/errorCodes'
import { EXPORTS_SLUG, IMPORTS_SLUG } from '@/lib/trust/adminExports'
import { SECRET_FIELDS } from '@/lib/trust/secretFields'
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS } from '@/lib/webhooks/events'
import { WEBHOOK_HEADERS, WEBHOOK_RESPONSES } from '@/lib/webhooks/signing'
import { documented, documentOf, type OpenApiPluginConfig } from '@/plugins/openapi'

import packageJson from '../../../package.json' with { type: 'json' }

/**
 * Secret fields no response carries to anyone. The others in SECRET_FIELDS (kept out of audit
 * entries and exports) are read by their owner alone: an account's own sessions, a vendor's
 * own subscribed calendars.
 */
export const NEVER_SENT = SECRET_FIELDS.filter(
  (field) => field !== 'sessions' && field !== 'externalCalendars',
)

let sdl: { config: unknown; text: string } | undefined

/**
 * `GET /api/graphql/schema.graphql`: the GraphQL schema as SDL for a signed-in integrator's code
 * generator. Introspection stays off for everyone else; the schema is the same for every
 * caller (access rules decide what a query returns, not what it may name).
 */
export const graphqlSchemaEndpoint: Endpoint = documented(
  {
    summary: 'The GraphQL schema (SDL)',
    description:
      "Point a code generator at it (for example GraphQL Code Generator's `schema` with an `Authorization` header). Queries go to `POST /api/graphql`.",
    caller: 'vendor',
    tag: 'GraphQL',
    response: { contentType: 'application/graphql; charset=utf-8', description: 'The schema.' },
  },
  {
    path: '/graphql/schema.graphql',
    method: 'get',
    handler: guarded(async (req) => {
      const user = signedIn(req, 'Sign in or send an API key to download the GraphQL schema.')
      // For integrators: the accounts that may hold an API key. The schema names every field,
      // hidden ones too (never their values).
      if (!checkRole(['vendor', 'admin', 'moderator'], user)) {
        throw new RequestError(403, 'FORBIDDEN', 'The GraphQL schema is for vendors and staff.')
      }
      if (sdl?.config !== req.payload.config) {
        sdl = {
          config: req.payload.config,
          text: printSchema(configToSchema(req.payload.config).schema),
        }
      }
      return new Response(sdl.text, {
        headers: {
          'Content-Type': 'application/graphql; charset=utf-8',
          'Cache-Control': 'private, max-age=300',
          'Content-Disposition': 'inline; filename="schema.graphql"',
        },
      })
    }),
  },
)

const graphqlPath = {
  '/graphql': {
    post: {
      operationId: 'postGraphql',
      tags: ['GraphQL'],
      summary: 'Run a GraphQL query or mutation',
      description:
        'Every collection as queries and mutations, under the same access rules as REST. The schema is at `GET /api/graphql/schema.graphql`; introspection is off.',
      security: [{}, { apiKey: [] }, { bearer: [] }, { cookie: [] }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                query: { type: 'string' },
                variables: { type: 'object', additionalProperties: true },
                operationName: { type: 'string' },
              },
              required: ['query'],
            },
            example: { query: '{ Vendors(limit: 3) { docs { businessName slug } } }' },
          },
        },
      },
      responses: {
        200: {
          description: 'The result; refusals arrive in `errors`.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  },
}

/** Every webhook event as the POST an integrator's endpoint receives. */
const webhooks = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => {
    const { collection, description } = WEBHOOK_EVENTS[type]
    return [
      type,
      {
        summary: type,
        description: `${description} \`data\` is the document as the endpoint's owner reads it through the API (depth 0).`,
        payload: z.object({
          type: z.literal(type),
          timestamp: z.string().describe('When the event happened (ISO 8601).'),
          data: documentOf(collection),
        }),
        headers: WEBHOOK_HEADERS,
        responses: WEBHOOK_RESPONSES,
      },
    ]
  }),
)

export const referenceOptions: OpenApiPluginConfig = {
  title: 'Event Pros NZ API',
  version: packageJson.version,
  description: [
    "The marketplace's REST API: Payload's routes for every collection, and the marketplace's own endpoints (search, jobs and quotes, bookings, messages, reviews, billing).",
    '**Signing in.** Send an API key as `Authorization: users API-Key <key>` (vendors and staff turn one on with `PATCH /users/{id}` and `{ enableAPIKey: true, apiKey }`), or sign in with `POST /users/login` and send its token as `Authorization: Bearer <token>`. In a browser, the session cookie is used.',
    '**Access.** Every route applies the same access rules as the site: vendors see only their own quotes and bookings, organizers only their own jobs; a document you may not see answers 404.',
    '**Webhooks.** Vendors and admins register endpoints (`POST /webhook-endpoints`) for the events listed under Webhooks; each is signed as Standard Webhooks specifies (`webhook-id`, `webhook-timestamp`, `webhook-signature`), retried for about 28 hours, and logged in `/webhook-deliveries`.',
    "**Errors.** Custom endpoints answer `{ success: false, error: { code, message, details } }`; Payload's routes add the same `error` beside their own `errors` list. See ErrorCode for every code. Requests are rate limited (429 with `Retry-After`).",
  ].join('\n\n'),
  neverSent: NEVER_SENT,
  errorCodes: ERROR_CODES,
  extraPaths: graphqlPath,
  webhooks,
  internalCollections: [EXPORTS_SLUG, IMPORTS_SLUG],
  rootTag: (route) =>
    ({ billing: 'Billing', realtime: 'Realtime', places: 'Search', moderation: 'Moderation' })[
      route.split('/').filter(Boolean)[0] ?? ''
    ] ?? 'Site',
  referenceScript: path.join(
    process.cwd(),
    'node_modules/@scalar/api-reference/dist/browser/standalone.js',
  ),
}
