'use client'

import { SerwistProvider } from '@serwist/turbopack/react'
import type { ReactNode } from 'react'

/**
 * Registers the service worker (production builds only: in development it would serve stale
 * code) and asks it to store each page a person moves to inside the site, not only the first
 * one loaded. Coming back online does not reload the page: a half-written message stays, and
 * the conversation sends what was written offline by itself.
 */
export function ServiceWorker({ children }: { children: ReactNode }) {
  return (
    <SerwistProvider
      swUrl="/serwist/sw.js"
      disable={process.env.NODE_ENV !== 'production'}
      reloadOnOnline={false}
    >
      {children}
    </SerwistProvider>
  )
}
