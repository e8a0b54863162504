import { randomBytes } from 'node:crypto'

import type { Env } from '@/lib/kit/env'
import { errorReportingOrigins } from '@/lib/operations/errorTracking'

/**
 * The Content-Security-Policy of the site and of Payload's admin, one per response around a
 * fresh nonce. `src/proxy.ts` puts it on the request too, where Next finds the nonce and stamps it on
 * every script it renders, so nothing runs unless Next put it there or a nonced script loaded
 * it (`'strict-dynamic'`): no `'unsafe-inline'` scripts, on the site or in the admin.
 *
 * The one exception is `cached`: the anonymous pages served from Next's cache (and a CDN's)
 * were rendered once for everyone, so no per-request nonce can be in them. Their scripts are
 * allowed from our origin and inline (`'unsafe-inline'`); every other directive is the site's.
 * They are only ever sent to requests without a session (`src/proxy.ts`), hold nothing written
 * as HTML by users (React escapes every text; rich text is rendered as React elements), and
 * every signed-in page keeps the nonce.
 */

export type PolicyArea = 'site' | 'admin' | 'cached'

/** What the deployment adds to the policy, from the environment. */
export type PolicySources = {
  /** `next dev`: React rebuilds server error stacks in the browser with `eval`. */
  development: boolean
  /** Mapbox GL draws the vendor map (`NEXT_PUBLIC_MAPBOX_TOKEN`). */
  mapbox: boolean
  /** Where browsers open the realtime websocket when Pusher (or Soketi) is configured. */
  realtimeSockets: string[]
  /** Where browsers send their errors when Sentry is configured (`SENTRY_DSN`). */
  errorReporting?: string[]
  /**
   * `'sha256-…'` of each style sheet the build wrote, which Next inlines into pages without
   * the nonce (see stylesheetHashes.ts).
   */
  stylesheetHashes?: string[]
}

/** `nonce` is ignored for `cached`, which has none. */
export type PolicyOptions = PolicySources & { area: PolicyArea; nonce: string | null }

/** Mapbox GL fetches styles, tiles, glyphs and sprites from its API and posts telemetry. */
const MAPBOX_API = 'https://api.mapbox.com'
const MAPBOX_EVENTS = 'https://events.mapbox.com'

/**
 * Payload's JSON and code fields edit in Monaco, which `@monaco-editor/loader` fetches from this
 * folder of jsDelivr: its scripts are loaded by a nonced one (allowed by `'strict-dynamic'`), its
 * style sheet and font need naming, and its workers start from blob: URLs.
 */
export const MONACO_CDN = 'https://cdn.jsdelivr.net/npm/monaco-editor@0.55.1/'

/** 128 random bits, base64 as CSP and Next's nonce parser expect. */
export const createNonce = () => randomBytes(16).toString('base64')

/** The websocket origins pusher-js opens with the client config `src/lib/realtime.ts` hands out. */
const realtimeSocketsFromEnv = (env: Env): string[] => {
  if (!(env.PUSHER_APP_ID && env.PUSHER_KEY && env.PUSHER_SECRET)) return []
  const customHost = env.PUSHER_PUBLIC_HOST ?? env.PUSHER_HOST
  const port = customHost ? (env.PUSHER_PUBLIC_PORT ?? env.PUSHER_PORT) : undefined
  const host = `${customHost ?? `ws-${env.PUSHER_CLUSTER ?? 'mt1'}.pusher.com`}${port ? `:${port}` : ''}`
  // Without forced TLS pusher-js still uses wss:// on an https page.
  return env.PUSHER_USE_TLS ? [`wss://${host}`] : [`ws://${host}`, `wss://${host}`]
}

export const policySourcesFromEnv = (env: Env): PolicySources => ({
  development: env.NODE_ENV === 'development',
  mapbox: Boolean(env.NEXT_PUBLIC_MAPBOX_TOKEN),
  realtimeSockets: realtimeSocketsFromEnv(env),
  errorReporting: errorReportingOrigins(env),
})

const directivesFor = ({
  area,
  nonce,
  development,
  mapbox,
  realtimeSockets,
  errorReporting = [],
  stylesheetHashes = [],
}: PolicyOptions): Record<string, string[]> => {
  const cached = area === 'cached' || nonce === null
  const everywhere = {
    'default-src': ["'self'"],
    'script-src': cached
      ? ["'self'", "'unsafe-inline'", ...(development ? ["'unsafe-eval'"] : [])]
      : [
          "'self'",
          `'nonce-${nonce}'`,
          "'strict-dynamic'",
          ...(development ? ["'unsafe-eval'"] : []),
        ],
    // Style attributes (React's `style` prop, Mapbox's markers) stay allowed everywhere.
    'style-src-attr': ["'unsafe-inline'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
  if (area === 'admin') {
    return {
      ...everywhere,
      // Its widgets inject <style> elements of their own (emotion in react-select, Monaco),
      // and those carry no nonce.
      'style-src': ["'self'", "'unsafe-inline'", MONACO_CDN],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:', MONACO_CDN],
      'connect-src': ["'self'", ...errorReporting],
      'worker-src': ["'self'", 'blob:'],
    }
  }
  return {
    ...everywhere,
    // The site's style sheets are files, carry the nonce or are one of the built style sheets
    // inlined (by hash); `next dev` injects its own.
    'style-src':
      development || cached
        ? ["'self'", "'unsafe-inline'"]
        : ["'self'", `'nonce-${nonce}'`, ...stylesheetHashes],
    'img-src': ["'self'", 'data:', 'blob:', ...(mapbox ? [MAPBOX_API] : [])],
    'font-src': ["'self'"],
    'connect-src': [
      "'self'",
      ...(mapbox ? [MAPBOX_API, MAPBOX_EVENTS] : []),
      ...realtimeSockets,
      ...errorReporting,
    ],
    // Mapbox GL starts its workers from blob: URLs.
    'worker-src': ["'self'", ...(mapbox ? ['blob:'] : [])],
  }
}

/** The `Content-Security-Policy` header value for one response. */
export const contentSecurityPolicy = (options: PolicyOptions): string =>
  Object.entries(directivesFor(options))
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ')
