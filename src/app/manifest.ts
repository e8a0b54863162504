import type { MetadataRoute } from 'next'

/** The web app manifest: what a phone shows when Event Pros NZ is added to its home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Event Pros NZ',
    short_name: 'Event Pros',
    description:
      'Find vetted event vendors across New Zealand, compare quotes and book with confidence.',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: '#0f766e',
    lang: 'en-NZ',
    categories: ['lifestyle', 'business'],
    icons: [
      { src: '/icons/icon.svg', type: 'image/svg+xml', sizes: 'any', purpose: 'any' },
      { src: '/icons/icon-192.png', type: 'image/png', sizes: '192x192', purpose: 'any' },
      { src: '/icons/icon-512.png', type: 'image/png', sizes: '512x512', purpose: 'any' },
      {
        src: '/icons/icon-maskable-512.png',
        type: 'image/png',
        sizes: '512x512',
        purpose: 'maskable',
      },
    ],
    shortcuts: [
      { name: 'Find vendors', url: '/vendors' },
      { name: 'Inbox', url: '/inbox' },
      { name: 'Bookings', url: '/bookings' },
    ],
  }
}
