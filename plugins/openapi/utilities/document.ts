import type { Endpoint, SanitizedConfig } from 'payload'
import { type z } from 'zod'

import { type Caller, type Contract, contractOf } from '../contract'
import type { SanitizedOpenApiPluginConfig } from '../types'
import {
  type Operation,
  payloadCollectionRoute,
  pluginCollectionRoute,
  payloadGlobalRoute,
  payloadRootRoutes,
} from './payloadRoutes'
import { collectionSchemas, fromZod, type Schema, withDocumentExtras } from './schemas'

type PathItem = Record<string, Schema>

const SIGNED_IN = [{ apiKey: [] }, { bearer: [] }, { cookie: [] }]
const ANYONE = [{}, ...SIGNED_IN]

const callerNotes: Record<Caller, string> = {
  public: 'Anyone; a signed-in caller may be shown more.',
  'signed-in': 'Any signed-in account.',
  vendor: 'A signed-in vendor, for their own business.',
  organizer: 'A signed-in organizer, for their own jobs.',
  staff: 'A moderator or admin with two-step sign-in.',
  admin: 'An admin with two-step sign-in.',
  'signed-link': 'Anyone holding the signed link from an email or calendar; no account needed.',
  stripe: "Stripe only: the body must carry a valid `Stripe-Signature` for the webhook's secret.",
  operator:
    "The deployment's operators: `Authorization: Bearer <token>` with the token from its configuration.",
}

const securityOf = (caller: Caller) =>
  caller === 'public'
    ? ANYONE
    : ['signed-link', 'stripe', 'operator'].includes(caller)
      ? []
      : SIGNED_IN

/**
 * `/users/:id/suspend` as OpenAPI writes it, and each optional parameter (`/access/:id?`) as
 * the two paths it stands for.
 */
const openApiPaths = (path: string): string[] => {
  const optional = path.match(/\/:(\w+)\?$/)
  const base = optional ? path.slice(0, -optional[0].length) : path
  const template = (p: string) => p.replace(/:(\w+)/g, '{$1}') || '/'
  return optional ? [template(base), template(`${base}/:${optional[1] ?? 'id'}`)] : [template(path)]
}

const pathParameters = (path: string, serialIds: boolean): Schema[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => ({
    name,
    in: 'path',
    required: true,
    schema:
      serialIds && ['id', 'vendor'].includes(name) && !path.startsWith('/users/verify/')
        ? { type: 'integer', minimum: 1, maximum: 2_147_483_647 }
        : { type: 'string' },
  }))

const errorResponses = {
  '4XX': {
    description:
      'A refusal in the error format; `error.code` says which (see ErrorCode). 429 answers carry `Retry-After`.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  },
  '5XX': {
    description:
      'Our side failed (500 `INTERNAL_ERROR`), or a service it needs is not set up or not answering (503: billing, search, a sign-in provider). Safe to retry later.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  },
}

const queryParameters = (query: z.ZodObject | undefined): Schema[] => {
  if (!query) return []
  const schema = fromZod(query)
  const required = new Set((schema.required as string[] | undefined) ?? [])
  return Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(
    ([name, property]) => ({
      name,
      in: 'query',
      required: required.has(name),
      schema: property,
      ...(property.description ? { description: property.description } : {}),
    }),
  )
}

const contractOperation = (contract: Contract): Schema => {
  const status = String(contract.status ?? 200)
  const { response } = contract
  const success =
    response && 'contentType' in response
      ? { description: response.description, content: { [response.contentType]: {} } }
      : {
          description: 'Done.',
          ...(response
            ? { content: { 'application/json': { schema: fromZod(response, 'output') } } }
            : {}),
        }
  return {
    summary: contract.summary,
    description: [contract.description, `**Who may call it:** ${callerNotes[contract.caller]}`]
      .filter(Boolean)
      .join('\n\n'),
    security: securityOf(contract.caller),
    parameters: queryParameters(contract.query),
    ...(contract.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: fromZod(contract.body),
                ...(contract.example === undefined ? {} : { example: contract.example }),
              },
            },
          },
        }
      : {}),
    responses: {
      [status]: success,
      ...Object.fromEntries(
        Object.entries(contract.alsoAnswers ?? {}).map(([other, when]) => [
          other,
          { ...success, description: when },
        ]),
      ),
      ...errorResponses,
    },
  }
}

const payloadOperation = (operation: Operation): Schema => {
  const { needsCaller, ...rest } = operation
  return {
    ...rest,
    description: [
      operation.description,
      needsCaller
        ? "**Who may call it:** a signed-in caller whom the collection's access rules allow."
        : "**Who may call it:** anyone; the collection's access rules decide what they see.",
    ]
      .filter(Boolean)
      .join('\n\n'),
    security: needsCaller ? SIGNED_IN : ANYONE,
    responses: {
      ...operation.responses,
      '4XX': {
        description:
          'Any other refusal (409 for a unique value taken, 429 with `Retry-After` when rate limited), in the error format.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/PayloadError' } } },
      },
    },
  }
}

const operationId = (method: string, path: string) =>
  method +
  path
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')

const INTERNAL_TAG = 'Admin internals'

/** OpenAPI 3.1's `webhooks`: each event as the POST the API makes to the integrator's server. */
const webhookItems = (webhooks: SanitizedOpenApiPluginConfig['webhooks']) =>
  Object.fromEntries(
    Object.entries(webhooks).map(([name, hook]) => [
      name,
      {
        post: {
          operationId: `webhook:${name}`,
          summary: hook.summary,
          ...(hook.description && { description: hook.description }),
          tags: ['Webhooks'],
          parameters: Object.entries(hook.headers ?? {}).map(([header, description]) => ({
            name: header,
            in: 'header',
            required: true,
            schema: { type: 'string' },
            description,
          })),
          requestBody: {
            required: true,
            content: { 'application/json': { schema: fromZod(hook.payload, 'output') } },
          },
          responses: Object.fromEntries(
            Object.entries(hook.responses ?? { '2XX': 'Received.' }).map(([status, text]) => [
              status,
              { description: text },
            ]),
          ),
        },
      },
    ]),
  )

/**
 * The OpenAPI 3.1 document of the running config: every route Payload registers for each
 * collection and global, and every custom endpoint from its contract. A route registered twice
 * is described once, as the first registration (the one that answers). Routes with neither a
 * contract nor a Payload description are listed in `undocumented`, which the tests keep empty.
 */
export const buildDocument = (config: SanitizedConfig, options: SanitizedOpenApiPluginConfig) => {
  const serialIds = config.db.defaultIDType === 'number'
  const paths: Record<string, PathItem> = {}
  const undocumented: string[] = []
  const taken = new Set<string>()
  const tags = new Map<string, string | undefined>()
  if (Object.keys(options.webhooks).length > 0) tags.set('Webhooks', undefined)

  const add = (
    method: string,
    routePath: string,
    tag: string,
    describe: () => Schema | undefined,
  ) => {
    for (const path of openApiPaths(routePath)) {
      const item = (paths[path] ??= {})
      // The first registration answers; a later one of Payload's on the same route must not
      // describe it, even when the first has no description (it stays out of the document).
      if (taken.has(`${method} ${path}`)) continue
      taken.add(`${method} ${path}`)
      const operation = describe()
      if (!operation) {
        undocumented.push(`${method.toUpperCase()} ${config.routes.api}${routePath}`)
        continue
      }
      if (!tags.has(tag)) tags.set(tag, undefined)
      item[method] = {
        operationId: operationId(method, path),
        tags: [tag],
        ...operation,
        parameters: [
          ...pathParameters(path, serialIds),
          ...((operation.parameters as Schema[] | undefined) ?? []),
        ],
      }
    }
  }

  const described =
    (
      endpoint: Endpoint,
      route: string,
      payloadOwn: () => Operation | undefined,
      pluginOwn: () => Operation | undefined = () => undefined,
    ) =>
    () => {
      const contract = contractOf(endpoint)
      if (contract) return contractOperation(contract)
      const own = options.customRoutes.has(`${endpoint.method} ${route}`)
        ? pluginOwn()
        : payloadOwn()
      return own ? payloadOperation(own) : undefined
    }

  for (const endpoint of config.endpoints || []) {
    const contract = contractOf(endpoint)
    const tag = contract?.tag ?? options.rootTag(endpoint.path)
    add(
      endpoint.method,
      endpoint.path,
      tag,
      described(
        endpoint,
        endpoint.path,
        () => payloadRootRoutes[`${endpoint.method} ${endpoint.path}`],
      ),
    )
  }
  for (const collection of config.collections) {
    const internal =
      collection.slug.startsWith('payload-') || options.internalCollections.has(collection.slug)
    const label = internal
      ? INTERNAL_TAG
      : typeof collection.labels?.plural === 'string'
        ? collection.labels.plural
        : collection.slug
    for (const endpoint of collection.endpoints || []) {
      const route = `/${collection.slug}${endpoint.path === '/' ? '' : endpoint.path}`
      add(
        endpoint.method,
        route,
        contractOf(endpoint)?.tag ?? label,
        described(
          endpoint,
          route,
          () => payloadCollectionRoute(collection, endpoint.method, endpoint.path),
          () => pluginCollectionRoute(collection, endpoint.method, endpoint.path),
        ),
      )
    }
  }
  for (const global of config.globals) {
    for (const endpoint of global.endpoints || []) {
      const route = `/globals/${global.slug}${endpoint.path === '/' ? '' : endpoint.path}`
      add(
        endpoint.method,
        route,
        INTERNAL_TAG,
        described(endpoint, route, () =>
          payloadGlobalRoute(global, endpoint.method, endpoint.path),
        ),
      )
    }
  }
  for (const [route, item] of Object.entries(options.extraPaths)) {
    paths[route] = { ...item, ...paths[route] }
    for (const operation of Object.values(item)) {
      for (const tag of (operation.tags as string[] | undefined) ?? []) {
        if (!tags.has(tag)) tags.set(tag, undefined)
      }
    }
  }

  const documents = collectionSchemas(config, options.neverSent)
  const errorCodes = Object.entries(options.errorCodes)
  const document = {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      description: options.description,
    },
    // Relative, so "try it" calls the server the reference was opened on.
    servers: [{ url: config.routes.api, description: 'This server' }],
    // The marketplace's own areas first, Payload's internals last.
    tags: [...tags.keys()]
      .sort((a, b) => Number(a === INTERNAL_TAG) - Number(b === INTERNAL_TAG) || a.localeCompare(b))
      .map((name) => ({ name })),
    paths: withDocumentExtras(
      Object.fromEntries(Object.entries(paths).filter(([, item]) => Object.keys(item).length > 0)),
      documents,
    ),
    ...(Object.keys(options.webhooks).length > 0 && {
      webhooks: withDocumentExtras(webhookItems(options.webhooks), documents),
    }),
    components: {
      securitySchemes: {
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'An API key from your account page, sent as `Authorization: users API-Key <key>`.',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The `token` from `POST /users/login` (also accepted as `JWT <token>`).',
        },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'payload-token',
          description: 'The session cookie a browser gets on signing in.',
        },
      },
      schemas: {
        ...documents,
        ErrorCode: {
          type: 'string',
          enum: errorCodes.map(([code]) => code),
          description: errorCodes
            .map(([code, { status, meaning }]) => `- \`${code}\` (${status}): ${meaning}`)
            .join('\n'),
        },
        ApiError: {
          type: 'object',
          description: "The error format of the marketplace's own endpoints.",
          properties: {
            success: { const: false },
            error: {
              type: 'object',
              properties: {
                code: { $ref: '#/components/schemas/ErrorCode' },
                message: {
                  type: 'string',
                  description: 'What went wrong, in words a person can act on.',
                },
                details: {
                  description: 'For INVALID_INPUT, one `{ field, message }` per wrong field.',
                },
              },
              required: ['code', 'message'],
            },
          },
          required: ['success', 'error'],
        },
        PayloadError: {
          type: 'object',
          description:
            "The error format of Payload's collection routes: Payload's own `errors` list, and the same refusal in the marketplace's format beside it.",
          properties: {
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { message: { type: 'string' }, data: {}, name: { type: 'string' } },
                required: ['message'],
              },
            },
            success: { const: false },
            error: { $ref: '#/components/schemas/ApiError/properties/error' },
          },
          required: ['errors'],
        },
      },
    },
  }
  return { document, undocumented }
}
