import type { Breadcrumb, DataCollection, ErrorEvent, Event, ScopeContext } from '@sentry/core'

import type { Env } from '@/lib/kit/env'

import { routeOf } from '@/lib/kit/routes'

/**
 * Error tracking with Sentry, on only when `SENTRY_DSN` is set. Three paths report:
 * - Payload's REST and GraphQL answers of 500 reach its `afterError` hooks, where
 *   `@payloadcms/plugin-sentry` captures them (payload.config.ts, with `pluginContext` below);
 * - errors Next itself catches (a page or route handler throwing) reach `onRequestError` in
 *   src/instrumentation.ts;
 * - errors in browsers, on the site and in the admin, reach `BrowserErrorTracking`, which loads
 *   the SDK only when a DSN is configured, so no page carries it otherwise.
 *
 * What leaves for Sentry is an error's type, message and stack, the route (never the path: a
 * calendar feed's or an unsubscribe link's token travels in it) and the user's id. Never the
 * user's email, name or address, cookies, headers beyond a few harmless ones, query strings or
 * bodies: the SDK collects none of them (`dataCollection`), and `scrubEvent` removes them again
 * from whatever an integration added, on every path.
 */

/** The headers worth seeing on an error, none of which can carry a credential. */
const KEPT_HEADERS = new Set(['accept', 'content-type', 'content-length', 'user-agent'])

/** What the SDK is told to collect on its own: nothing about people, nothing of the request. */
export const DATA_COLLECTION: DataCollection = {
  userInfo: false,
  cookies: false,
  httpHeaders: { request: { allow: [...KEPT_HEADERS] }, response: false },
  httpBodies: [],
  urlQueryParams: false,
  graphQL: { document: true, variables: false },
  genAI: { inputs: false, outputs: false },
}

/** `https://host/path?query` as `https://host/route`; a bare path as its route. */
const withoutSecrets = (url: string): string => {
  try {
    const parsed = new URL(url, 'http://relative.invalid')
    const route = routeOf(parsed.pathname)
    return parsed.origin === 'http://relative.invalid' ? route : `${parsed.origin}${route}`
  } catch {
    return '[url]'
  }
}

/** `GET /api/calendar/feed/abc…` as `GET /api/calendar/feed/:param`. */
const transactionWithoutSecrets = (name: string): string => {
  const match = /^([A-Z]+) (\/\S*)$/.exec(name)
  if (match) return `${match[1]} ${withoutSecrets(match[2]!)}`
  return name.startsWith('/') ? withoutSecrets(name) : name
}

/**
 * An error's message, less what a query carried: drizzle's "Failed query: <sql> params: <values>"
 * would send the row's values (an email, a password hash, a token) along with the failure.
 */
export const messageWithoutValues = (message: string): string =>
  message.replace(/\s*params:[\s\S]*$/, ' params: [not sent]')

/** The contexts worth having: the runtime's own, the response status and Next's route. */
const KEPT_CONTEXTS = new Set([
  'app',
  'browser',
  'cloud_resource',
  'culture',
  'device',
  'nextjs',
  'os',
  'react',
  'response',
  'runtime',
  'trace',
])

/** What our own code adds to an event's `extra` (the Sentry plugin's collection slug). */
const KEPT_EXTRA = new Set(['errorCollectionSlug'])

/** Only the user's id leaves. */
const userIdOnly = (user: Event['user']): Event['user'] =>
  user && user.id !== undefined ? { id: user.id } : undefined

/** Applied to every event, server and browser, after every integration has added its part. */
export const scrubEvent = <E extends Event>(event: E): E => {
  const scrubbed: E = { ...event, user: userIdOnly(event.user) }
  if (!scrubbed.user) delete scrubbed.user
  if (event.request) {
    const { url, method, headers } = event.request
    scrubbed.request = {
      ...(url ? { url: withoutSecrets(url) } : {}),
      ...(method ? { method } : {}),
      ...(headers
        ? {
            headers: Object.fromEntries(
              Object.entries(headers).filter(([name]) => KEPT_HEADERS.has(name.toLowerCase())),
            ),
          }
        : {}),
    }
  }
  if (event.transaction) scrubbed.transaction = transactionWithoutSecrets(event.transaction)
  if (event.breadcrumbs)
    scrubbed.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb).filter((crumb) => crumb !== null)
  if (event.exception?.values)
    scrubbed.exception = {
      ...event.exception,
      values: event.exception.values.map((value) =>
        value.value ? { ...value, value: messageWithoutValues(value.value) } : value,
      ),
    }
  if (event.message) scrubbed.message = messageWithoutValues(event.message)
  if (event.extra)
    scrubbed.extra = Object.fromEntries(
      Object.entries(event.extra).filter(([key]) => KEPT_EXTRA.has(key)),
    )
  if (event.contexts) {
    const { response, nextjs } = event.contexts
    scrubbed.contexts = {
      ...Object.fromEntries(
        Object.entries(event.contexts).filter(([name]) => KEPT_CONTEXTS.has(name)),
      ),
      ...(response ? { response: { status_code: response.status_code } } : {}),
      // Next's onRequestError names the path a request asked for, tokens and all.
      ...(nextjs && typeof nextjs.request_path === 'string'
        ? { nextjs: { ...nextjs, request_path: withoutSecrets(nextjs.request_path) } }
        : {}),
    }
  }
  return scrubbed
}

/** Breadcrumbs keep what happened, not what was said: URLs as routes, no request bodies. */
export const scrubBreadcrumb = (crumb: Breadcrumb): Breadcrumb | null => {
  const data = crumb.data ? { ...crumb.data } : undefined
  if (data) {
    for (const key of ['url', 'from', 'to']) {
      if (typeof data[key] === 'string') data[key] = withoutSecrets(data[key])
    }
    delete data.body
    delete data.arguments
    delete data['http.query']
    delete data['http.fragment']
  }
  // Console lines may print anything the code had in hand.
  if (crumb.category === 'console') return null
  return { ...crumb, ...(data ? { data } : {}) }
}

type ErrorTrackingConfig = {
  dsn: string
  environment: string
  release?: string
}

const configFromEnv = (env: Env): ErrorTrackingConfig | null =>
  env.SENTRY_DSN
    ? {
        dsn: env.SENTRY_DSN,
        environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV,
        ...(env.SENTRY_RELEASE ? { release: env.SENTRY_RELEASE } : {}),
      }
    : null

/** `Sentry.init`'s options on the server, or `null` when error tracking is off. */
export const serverErrorTracking = (env: Env) => {
  const config = configFromEnv(env)
  if (!config) return null
  return {
    ...config,
    dataCollection: DATA_COLLECTION,
    // Errors only: no tracing (setting any sample rate, even 0, turns its machinery on), and no
    // trace headers on the app's own requests to Stripe, S3 or anyone else.
    tracePropagationTargets: [],
    beforeSend: (event: ErrorEvent) => scrubEvent(event),
    beforeBreadcrumb: scrubBreadcrumb,
  }
}

/** What a browser needs to report (a DSN is public by design), or `null` when off. */
export const browserErrorTracking = (env: Env): ErrorTrackingConfig | null => configFromEnv(env)

/** Sentry's event origin, for the Content-Security-Policy's `connect-src`. */
export const errorReportingOrigins = (env: Env): string[] =>
  env.SENTRY_DSN ? [new URL(env.SENTRY_DSN).origin] : []

type PluginContextArgs = { defaultContext: Partial<ScopeContext> }

/**
 * `@payloadcms/plugin-sentry`'s context for a captured error: by default it sends the user's
 * email, username and the `X-Forwarded-For` address; here only the user's id and collection.
 */
export const pluginContext = ({ defaultContext }: PluginContextArgs): Partial<ScopeContext> => {
  const { user, ...rest } = defaultContext
  return {
    ...rest,
    ...(user?.id !== undefined
      ? { user: { id: user.id }, tags: { userCollection: String(user.collection ?? '') } }
      : {}),
  }
}
