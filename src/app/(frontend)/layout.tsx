import './globals.css'

import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { Footer } from '@/components/Footer'
import { Header } from '@/components/Header'
import { ServiceWorker } from '@/components/pwa/ServiceWorker'
import { getEnv } from '@/lib/kit/env'

// Every page reads the signed-in person (header), so nothing here is prerendered at build time.
export const dynamic = 'force-dynamic'

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

export default function FrontendLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-NZ">
      <body className="flex min-h-screen flex-col">
        <ServiceWorker>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-3">
            Skip to content
          </a>
          <Header />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-10">
            {children}
          </main>
          <Footer />
        </ServiceWorker>
      </body>
    </html>
  )
}
