'use client'

import { type ReactNode, useEffect } from 'react'

import { DATA_COLLECTION, scrubBreadcrumb, scrubEvent } from '@/lib/operations/errorTracking'

type Props = {
  /** Unset, error tracking is off and the SDK is never downloaded. */
  dsn?: string
  environment?: string
  release?: string
  /** As one of the admin's providers, it wraps the admin. */
  children?: ReactNode
}

/**
 * Reports errors thrown in this browser to Sentry when the server has a DSN. The SDK is its own
 * chunk, fetched after the page has come to life, so pages without error tracking never carry
 * it and pages with it do not wait for it. What it sends is scrubbed as on the server
 * (src/lib/operations/errorTracking.ts).
 */
export function BrowserErrorTracking({ dsn, environment, release, children }: Props) {
  useEffect(() => {
    if (!dsn) return
    void import('@sentry/nextjs').then((Sentry) => {
      if (Sentry.getClient()) return
      Sentry.init({
        dsn,
        environment,
        release,
        dataCollection: DATA_COLLECTION,
        tracePropagationTargets: [],
        beforeSend: (event) => scrubEvent(event),
        beforeBreadcrumb: scrubBreadcrumb,
      })
    })
  }, [dsn, environment, release])
  return children ?? null
}
