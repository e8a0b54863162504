import type { ErrorEvent } from '@sentry/core'

import { parseEnv } from '@/lib/kit/env'

import {
  browserErrorTracking,
  pluginContext,
  scrubBreadcrumb,
  scrubEvent,
  serverErrorTracking,
} from './errorTracking'

const envOf = (vars: Record<string, string>) =>
  parseEnv({ PAYLOAD_SECRET: 'x'.repeat(32), NODE_ENV: 'production', ...vars })

const DSN = 'https://abc123@o1.ingest.sentry.io/42'

/** An event as the SDK's integrations fill it in for a request with everything a person sent. */
const fullEvent = (): ErrorEvent => ({
  type: undefined,
  event_id: 'e1',
  exception: {
    values: [
      { type: 'Error', value: 'boom' },
      {
        type: 'DrizzleQueryError',
        value:
          'Failed query: update "users" set "email" = $1, "hash" = $2 where "users"."id" = $3\nparams: aroha@example.nz,5f4dcc3b5aa765d61d8327deb882cf99,7',
      },
    ],
  },
  extra: { errorCollectionSlug: 'users', body: '{"password":"EventPros!2026"}' },
  user: { id: '7', email: 'aroha@example.nz', username: 'aroha', ip_address: '203.0.113.9' },
  request: {
    url: 'https://eventpros.nz/api/calendar/feed/s3cr3t-feed-token?token=abc&q=photographer',
    method: 'GET',
    query_string: 'token=abc&q=photographer',
    cookies: { 'payload-token': 'eyJhbGciOiJIUzI1NiJ9.x.y' },
    data: '{"password":"EventPros!2026"}',
    headers: {
      Authorization: 'JWT eyJhbGciOiJIUzI1NiJ9.x.y',
      Cookie: 'payload-token=eyJhbGciOiJIUzI1NiJ9.x.y',
      'User-Agent': 'Mozilla/5.0',
      'X-Forwarded-For': '203.0.113.9',
    },
  },
  transaction: 'GET /unsubscribe/s3cr3t-unsubscribe-token',
  breadcrumbs: [
    { category: 'console', message: 'signing in aroha@example.nz with EventPros!2026' },
    {
      category: 'http',
      data: { url: 'https://api.stripe.com/v1/customers/cus_123?expand=subscriptions', body: 'x' },
    },
    { category: 'navigation', data: { from: '/account/security?code=123456', to: '/vendors' } },
  ],
  contexts: {
    response: { status_code: 500, headers: { 'set-cookie': 'payload-token=x' } },
    nextjs: { request_path: '/api/calendar/feed/s3cr3t-feed-token', route_type: 'route' },
    vendorState: { session: 'payload-token=eyJhbGciOiJIUzI1NiJ9.x.y' },
  },
})

describe('error tracking', () => {
  it('is off without SENTRY_DSN: no options, no browser config', () => {
    expect(serverErrorTracking(envOf({}))).toBeNull()
    expect(browserErrorTracking(envOf({}))).toBeNull()
  })

  it('reports to the DSN under the configured environment and release, collecting nothing personal', () => {
    const options = serverErrorTracking(
      envOf({ SENTRY_DSN: DSN, SENTRY_ENVIRONMENT: 'staging', SENTRY_RELEASE: 'abc1234' }),
    )
    expect(options).toMatchObject({
      dsn: DSN,
      environment: 'staging',
      release: 'abc1234',
      tracePropagationTargets: [],
      dataCollection: { userInfo: false, cookies: false, httpBodies: [], urlQueryParams: false },
    })
    expect(options).not.toHaveProperty('tracesSampleRate')
    expect(browserErrorTracking(envOf({ SENTRY_DSN: DSN }))).toEqual({
      dsn: DSN,
      environment: 'production',
    })
  })

  it('sends a person only as an id, and no cookie, credential, body, query or path token', () => {
    const scrubbed = scrubEvent(fullEvent())
    const sent = JSON.stringify(scrubbed)
    for (const secret of [
      'aroha',
      '203.0.113.9',
      'eyJhbGciOiJIUzI1NiJ9',
      'EventPros!2026',
      's3cr3t-feed-token',
      's3cr3t-unsubscribe-token',
      'token=abc',
      '123456',
      'cus_123',
      'set-cookie',
      '5f4dcc3b5aa765d61d8327deb882cf99',
    ])
      expect(sent).not.toContain(secret)
    expect(scrubbed.user).toEqual({ id: '7' })
    expect(scrubbed.request).toEqual({
      url: 'https://eventpros.nz/api/calendar/feed/:param',
      method: 'GET',
      headers: { 'User-Agent': 'Mozilla/5.0' },
    })
    expect(scrubbed.transaction).toBe('GET /unsubscribe/:param')
    expect(scrubbed.exception?.values?.[0]).toEqual({ type: 'Error', value: 'boom' })
    // The failed statement stays (it has placeholders, no values); its values do not.
    expect(scrubbed.exception?.values?.[1]?.value).toBe(
      'Failed query: update "users" set "email" = $1, "hash" = $2 where "users"."id" = $3 params: [not sent]',
    )
    expect(scrubbed.extra).toEqual({ errorCollectionSlug: 'users' })
    expect(scrubbed.contexts).toEqual({
      response: { status_code: 500 },
      nextjs: { request_path: '/api/calendar/feed/:param', route_type: 'route' },
    })
  })

  it('keeps what happened in the breadcrumbs, without console lines or bodies', () => {
    expect(scrubBreadcrumb({ category: 'console', message: 'x' })).toBeNull()
    expect(
      scrubBreadcrumb({ category: 'fetch', data: { url: '/api/vendors/12?depth=2', body: 'x' } }),
    ).toEqual({ category: 'fetch', data: { url: '/api/vendors/:id' } })
    expect(scrubBreadcrumb({ category: 'ui.click', message: 'button.primary' })).toEqual({
      category: 'ui.click',
      message: 'button.primary',
    })
  })

  it("strips the Sentry plugin's default context to the user's id and collection", () => {
    const context = pluginContext({
      defaultContext: {
        extra: { errorCollectionSlug: 'vendors' },
        user: {
          id: 7,
          collection: 'users',
          email: 'aroha@example.nz',
          ip_address: '203.0.113.9',
          username: 'aroha',
        },
      },
    })
    expect(context).toEqual({
      extra: { errorCollectionSlug: 'vendors' },
      user: { id: 7 },
      tags: { userCollection: 'users' },
    })
    expect(pluginContext({ defaultContext: { extra: { errorCollectionSlug: 'jobs' } } })).toEqual({
      extra: { errorCollectionSlug: 'jobs' },
    })
  })
})
