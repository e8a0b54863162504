/// <reference lib="webworker" />
// The service worker, bundled by Serwist (`src/app/serwist/[path]/route.ts`) and served at
// /serwist/sw.js. What it stores is decided in ./cachePolicy.
import {
  CacheableResponsePlugin,
  CacheFirst,
  ExpirationPlugin,
  NetworkFirst,
  NetworkOnly,
  type PrecacheEntry,
  Serwist,
  StaleWhileRevalidate,
} from 'serwist'

import { isHashedAsset, isIcon, isPublicImage, isStorablePage, OFFLINE_URL } from './cachePolicy'

declare global {
  interface WorkerGlobalScope {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined
  }
}

declare const self: ServiceWorkerGlobalScope

const origin = self.location.origin
const DAY = 24 * 60 * 60
const okOnly = new CacheableResponsePlugin({ statuses: [200] })

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    {
      // A page opened while online is stored; offline, the stored copy is shown. The network
      // wins whenever it answers within a few seconds, so nobody reads a stale page online.
      matcher: ({ request, url }) =>
        request.mode === 'navigate' && request.method === 'GET' && isStorablePage(url, origin),
      handler: new NetworkFirst({
        cacheName: 'pages',
        networkTimeoutSeconds: 4,
        plugins: [okOnly, new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 14 * DAY })],
      }),
    },
    {
      matcher: ({ url }) => isHashedAsset(url, origin),
      handler: new CacheFirst({
        cacheName: 'assets',
        plugins: [okOnly, new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * DAY })],
      }),
    },
    {
      matcher: ({ url }) => isPublicImage(url, origin) || isIcon(url, origin),
      handler: new StaleWhileRevalidate({
        cacheName: 'images',
        plugins: [okOnly, new ExpirationPlugin({ maxEntries: 150, maxAgeSeconds: 30 * DAY })],
      }),
    },
    // Everything else (the API, realtime, the admin, Next's page data) goes to the network
    // only: when it fails, Next loads the page in full, which the first rule answers.
    { matcher: () => true, handler: new NetworkOnly() },
  ],
  fallbacks: {
    entries: [{ url: OFFLINE_URL, matcher: ({ request }) => request.destination === 'document' }],
  },
})

serwist.addEventListeners()
