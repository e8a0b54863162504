import type { Config } from 'payload'

import { documentEndpoint } from './endpoints/document'
import { referenceEndpoints } from './endpoints/reference'
import type { OpenApiPluginConfig, SanitizedOpenApiPluginConfig } from './types'

export {
  type Caller,
  type Contract,
  documentCreatedWith,
  documentOf,
  documented,
  envelope,
} from './contract'
export type { ErrorCodeMeaning, OpenApiPluginConfig, OutgoingWebhook } from './types'
export { buildDocument } from './utilities/document'

/**
 * The routes the app and the plugins before this one declare. Payload adds its own routes when
 * it sanitizes the config, after every plugin, so these are exactly the custom ones: each must
 * carry a contract, even where it shares a path with a route of Payload's it replaces.
 */
const customRoutesOf = (config: Config): Set<string> => {
  const routes = new Set<string>()
  for (const endpoint of config.endpoints ?? []) routes.add(`${endpoint.method} ${endpoint.path}`)
  for (const collection of config.collections ?? []) {
    for (const endpoint of collection.endpoints || []) {
      routes.add(
        `${endpoint.method} /${collection.slug}${endpoint.path === '/' ? '' : endpoint.path}`,
      )
    }
  }
  return routes
}

/**
 * `GET /api/openapi.json`, the OpenAPI 3.1 document generated from the running config (Payload's
 * routes from its collections and globals, custom endpoints from their contracts), and
 * `GET /api/docs`, an interactive reference of it served entirely from this origin.
 */
export const openApiPlugin =
  (options: OpenApiPluginConfig) =>
  (config: Config): Config => {
    const sanitized: SanitizedOpenApiPluginConfig = {
      description: '',
      errorCodes: {},
      extraPaths: {},
      webhooks: {},
      rootTag: (path) => path.split('/').filter(Boolean)[0] ?? 'API',
      documentPath: '/openapi.json',
      docsPath: '/docs',
      disabled: false,
      ...options,
      neverSent: new Set(options.neverSent ?? []),
      internalCollections: new Set(options.internalCollections ?? []),
      customRoutes: customRoutesOf(config),
    }
    if (sanitized.disabled) return config
    const apiRoute = config.routes?.api ?? '/api'
    return {
      ...config,
      endpoints: [
        ...(config.endpoints ?? []),
        documentEndpoint(sanitized),
        ...referenceEndpoints(sanitized, apiRoute),
      ],
    }
  }
