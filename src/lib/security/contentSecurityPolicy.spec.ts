import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { parseEnv } from '@/lib/kit/env'

import {
  contentSecurityPolicy,
  createNonce,
  MONACO_CDN,
  type PolicyOptions,
  policySourcesFromEnv,
} from './contentSecurityPolicy'
import { builtStylesheetHashes, forgetStylesheetHashes } from './stylesheetHashes'

const NONCE = 'bm9uY2Utb2YtdGhpcy10ZXN0'

/** The policy as a map from directive to its sources. */
const directives = (options: Partial<PolicyOptions> = {}) =>
  new Map(
    contentSecurityPolicy({
      area: 'site',
      nonce: NONCE,
      development: false,
      mapbox: false,
      realtimeSockets: [],
      ...options,
    })
      .split('; ')
      .map((directive) => {
        const [name, ...sources] = directive.split(' ')
        return [name!, sources]
      }),
  )

const sourcesOf = (env: Record<string, string>) =>
  policySourcesFromEnv(parseEnv({ PAYLOAD_SECRET: 'x'.repeat(32), NODE_ENV: 'test', ...env }))

describe('content security policy', () => {
  it.each(['site', 'admin'] as const)(
    'runs only nonced scripts and what they load on the %s, and nothing frames it',
    (area) => {
      const policy = directives({ area })
      expect(policy.get('script-src')).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"])
      expect(policy.get('object-src')).toEqual(["'none'"])
      expect(policy.get('base-uri')).toEqual(["'self'"])
      expect(policy.get('form-action')).toEqual(["'self'"])
      expect(policy.get('frame-ancestors')).toEqual(["'none'"])
      expect(policy.get('connect-src')).toEqual(["'self'"])
    },
  )

  it("keeps the site's style sheets to files and nonced ones, while the admin's widgets inject theirs", () => {
    expect(directives({ area: 'site' }).get('style-src')).toEqual(["'self'", `'nonce-${NONCE}'`])
    expect(directives({ area: 'admin' }).get('style-src')).toEqual([
      "'self'",
      "'unsafe-inline'",
      MONACO_CDN,
    ])
    expect(directives({ area: 'admin' }).get('worker-src')).toEqual(["'self'", 'blob:'])
  })

  it('allows the inline copies of the built style sheets by hash on the site, and no other inline CSS', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-dist-'))
    const css = 'main{color:#0f766e}'
    fs.mkdirSync(path.join(dist, 'static/chunks'), { recursive: true })
    fs.writeFileSync(path.join(dist, 'static/chunks/site.css'), css)
    fs.writeFileSync(path.join(dist, 'static/chunks/site.js'), 'not a style sheet')
    forgetStylesheetHashes()
    try {
      const hashes = builtStylesheetHashes(dist)
      // What a browser computes for <style>main{color:#0f766e}</style>.
      const expected = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`
      expect(hashes).toEqual([expected])
      expect(directives({ area: 'site', stylesheetHashes: hashes }).get('style-src')).toEqual([
        "'self'",
        `'nonce-${NONCE}'`,
        expected,
      ])
      // No 'unsafe-inline' beside them: a browser would ignore it anyway, and it is not wanted.
      expect(directives({ area: 'site', stylesheetHashes: hashes }).get('style-src')).not.toContain(
        "'unsafe-inline'",
      )
    } finally {
      forgetStylesheetHashes()
      fs.rmSync(dist, { recursive: true, force: true })
    }
  })

  it('finds no style sheets where there is no build', () => {
    forgetStylesheetHashes()
    expect(builtStylesheetHashes(path.join(os.tmpdir(), 'no-build-here'))).toEqual([])
    forgetStylesheetHashes()
  })

  it("names the Monaco folder Payload's code and JSON editors are fetched from", () => {
    // A Payload upgrade that moves Monaco to another version fails here, not in an admin's browser.
    const loaderConfig = fs.readFileSync(
      path.resolve('node_modules/@monaco-editor/loader/lib/es/config/index.js'),
      'utf8',
    )
    const folder = /vs: '([^']+)\/min\/vs'/.exec(loaderConfig)?.[1]
    expect(`${folder}/`).toBe(MONACO_CDN)
  })

  it("allows eval only under next dev, for React's error stacks", () => {
    expect(directives({ development: true }).get('script-src')).toContain("'unsafe-eval'")
    expect(directives({ area: 'admin', development: true }).get('script-src')).toContain(
      "'unsafe-eval'",
    )
    expect(directives().get('script-src')).not.toContain("'unsafe-eval'")
  })

  it("adds Mapbox's API and blob workers to the site only when the map is configured", () => {
    const plain = directives()
    expect(plain.get('worker-src')).toEqual(["'self'"])
    expect(plain.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])

    const mapped = directives({ mapbox: true })
    expect(mapped.get('connect-src')).toEqual([
      "'self'",
      'https://api.mapbox.com',
      'https://events.mapbox.com',
    ])
    expect(mapped.get('img-src')).toContain('https://api.mapbox.com')
    expect(mapped.get('worker-src')).toEqual(["'self'", 'blob:'])

    expect(directives({ area: 'admin', mapbox: true }).get('connect-src')).toEqual(["'self'"])
  })

  it('lets the site reach the realtime websocket, and the admin, which does not listen, not', () => {
    const realtimeSockets = ['wss://ws-ap4.pusher.com']
    expect(directives({ realtimeSockets }).get('connect-src')).toEqual([
      "'self'",
      'wss://ws-ap4.pusher.com',
    ])
    expect(directives({ area: 'admin', realtimeSockets }).get('connect-src')).toEqual(["'self'"])
  })

  it("lets the site and the admin send their errors to Sentry's origin when it is configured", () => {
    const errorReporting = ['https://o1.ingest.sentry.io']
    for (const area of ['site', 'admin', 'cached'] as const)
      expect(directives({ area, errorReporting }).get('connect-src')).toContain(
        'https://o1.ingest.sentry.io',
      )
    expect(directives().get('connect-src')).toEqual(["'self'"])
  })

  it('gives every response a nonce of its own', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce))
    expect(nonces.size).toBe(50)
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
  })
})

describe('policy sources from the environment', () => {
  const PUSHER = { PUSHER_APP_ID: '1', PUSHER_KEY: 'key', PUSHER_SECRET: 'secret' }

  it('adds nothing by default: embedded realtime over SSE, the offline map', () => {
    expect(sourcesOf({})).toEqual({
      development: false,
      mapbox: false,
      realtimeSockets: [],
      errorReporting: [],
    })
  })

  it('knows next dev and a Mapbox token', () => {
    expect(sourcesOf({ NODE_ENV: 'development', NEXT_PUBLIC_MAPBOX_TOKEN: 'pk.test' })).toEqual(
      expect.objectContaining({ development: true, mapbox: true }),
    )
  })

  it.each([
    ['Pusher Channels in a cluster', { PUSHER_CLUSTER: 'ap4' }, ['wss://ws-ap4.pusher.com']],
    ['Pusher Channels by default', {}, ['wss://ws-mt1.pusher.com']],
    [
      'a Soketi server browsers reach at its public address',
      {
        PUSHER_HOST: 'soketi',
        PUSHER_PORT: '6001',
        PUSHER_PUBLIC_HOST: 'localhost',
        PUSHER_USE_TLS: 'false',
      },
      ['ws://localhost:6001', 'wss://localhost:6001'],
    ],
    [
      'a Pusher-protocol server over TLS with its public port',
      { PUSHER_HOST: 'realtime.example.nz', PUSHER_PUBLIC_PORT: '443' },
      ['wss://realtime.example.nz:443'],
    ],
  ])('opens the websocket of %s', (_, env, sockets) => {
    expect(sourcesOf({ ...PUSHER, ...env }).realtimeSockets).toEqual(sockets)
  })

  it("reaches Sentry's ingest origin, and only that, when SENTRY_DSN is set", () => {
    expect(
      sourcesOf({ SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42' }).errorReporting,
    ).toEqual(['https://o1.ingest.sentry.io'])
  })

  it('ignores Pusher settings without the keys, as the realtime driver does', () => {
    expect(sourcesOf({ PUSHER_CLUSTER: 'ap4' }).realtimeSockets).toEqual([])
  })
})
