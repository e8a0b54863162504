import './globals.css'

import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { BrowserErrorTracking } from '@/components/BrowserErrorTracking'
import { Footer } from '@/components/Footer'
import { ServiceWorker } from '@/components/pwa/ServiceWorker'
import { getEnv } from '@/lib/kit/env'
import { browserErrorTracking } from '@/lib/operations/errorTracking'

export const metadata: Metadata = {
  metadataBase: new URL(getEnv().NEXT_PUBLIC_SERVER_URL),
  title: {
    default: 'Event Pros NZ — trusted event vendors across Aotearoa',
    template: '%s · Event Pros NZ',
  },
  description:
    'Find vetted caterers, photographers, venues, DJs and florists across New Zealand, compare quotes and book with confidence.',
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f766e' }

/**
 * The document every page shares. It reads nothing about the request: the signed-in pages'
 * layout, `(site)/layout.tsx`, does, and the anonymous pages' one, `cached/layout.tsx`, never.
 */
export default function FrontendLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-NZ">
      <body className="flex min-h-screen flex-col">
        <ServiceWorker>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-3">
            Skip to content
          </a>
          {/* The header and <main>: (site)/layout.tsx for this request's person, cached/ for anyone. */}
          {children}
          <Footer />
        </ServiceWorker>
        <BrowserErrorTracking {...browserErrorTracking(getEnv())} />
      </body>
    </html>
  )
}
