import { offlinePage } from '@/lib/pwa/offlinePage'

// Built once: the service worker precaches it and shows it when a page has never been opened
// on this device and there is no connection.
export const dynamic = 'force-static'

export const GET = () =>
  new Response(offlinePage(), {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      // No scripts at all; styles only from the attributes below. It works with no network.
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
  })
