import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

import { guardRoute } from '../../src/lib/guardRoute'

export type Auth = { token?: string; apiKey?: string }

type RequestOptions = Auth & {
  body?: unknown
  formData?: FormData
  headers?: Record<string, string>
}

type ClientOptions = {
  /**
   * Counts each request against the rate limits first, as the app's routes do. A plugin's
   * test config without the rate limits plugin turns it off.
   * @default true
   */
  rateLimited?: boolean
}

/** The handlers `src/app/(payload)/api` exports, wrapped as it wraps them. */
export const routeHandlers = (
  config: SanitizedConfig,
  { rateLimited = true }: ClientOptions = {},
) => {
  const limits = rateLimited ? config : undefined
  return {
    GET: guardRoute(REST_GET(config), limits),
    POST: guardRoute(REST_POST(config), limits),
    PATCH: guardRoute(REST_PATCH(config), limits),
    DELETE: guardRoute(REST_DELETE(config), limits),
    PUT: guardRoute(REST_PUT(config), limits),
    OPTIONS: guardRoute(REST_OPTIONS(config), limits),
    graphql: guardRoute(GRAPHQL_POST(config), limits),
  }
}

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers }

/**
 * Calls the same route handlers that `src/app/(payload)/api` exports, with real Request
 * objects and real credentials, so a test sees exactly what an HTTP client would.
 */
export const restClient = (config: SanitizedConfig, options?: ClientOptions) => {
  const { graphql, ...handlers } = routeHandlers(config, options)

  const buildRequest = (method: string, url: string, options: RequestOptions) => {
    const headers = new Headers(options.headers)
    if (options.token) headers.set('Authorization', `JWT ${options.token}`)
    if (options.apiKey) headers.set('Authorization', `users API-Key ${options.apiKey}`)
    let body: BodyInit | undefined
    if (options.formData) body = options.formData
    else if (options.body !== undefined) {
      headers.set('Content-Type', 'application/json')
      body = JSON.stringify(options.body)
    }
    return new Request(`http://localhost:3000${url}`, { method, headers, body })
  }

  const read = async <T>(response: Response): Promise<ApiResponse<T>> => {
    const text = await response.text()
    let body: any = text
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      // Not JSON (a file): keep the text.
    }
    return { status: response.status, body, headers: response.headers }
  }

  const call = async <T = any>(
    method: keyof typeof handlers,
    url: string,
    options: RequestOptions = {},
  ) => {
    const pathname = url.split('?')[0]!
    // Next decodes each segment of a catch-all route before the handler sees it.
    const slug = pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
      .map(decodeSegment)
    const response = await handlers[method](buildRequest(method, url, options), {
      params: Promise.resolve({ slug }),
    })
    return read<T>(response)
  }

  return {
    get: <T = any>(url: string, options?: RequestOptions) => call<T>('GET', url, options),
    post: <T = any>(url: string, options?: RequestOptions) => call<T>('POST', url, options),
    patch: <T = any>(url: string, options?: RequestOptions) => call<T>('PATCH', url, options),
    delete: <T = any>(url: string, options?: RequestOptions) => call<T>('DELETE', url, options),
    put: <T = any>(url: string, options?: RequestOptions) => call<T>('PUT', url, options),
    graphql: async <T = any>(
      query: string,
      variables: Record<string, unknown> = {},
      auth: Auth = {},
    ) =>
      read<T>(
        await graphql(
          buildRequest('POST', '/api/graphql', { ...auth, body: { query, variables } }),
        ),
      ),
  }
}

/** A path segment as Next hands it to a catch-all route: decoded, or as sent if malformed. */
export const decodeSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export type RestClient = ReturnType<typeof restClient>
