import type { Instrumentation } from 'next'

/**
 * Runs once in each server process before it handles a request. It works on the HTTP servers
 * Next's handlers do not expose: the rate limits need each request's socket address (written
 * into a header of ours, see the rate limits plugin's `recordPeerAddresses`); the request log,
 * the metrics and a graceful shutdown need each request's start, end and server. With
 * `SENTRY_DSN` set it starts error tracking (src/lib/operations/errorTracking.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { recordPeerAddresses } = await import('@/plugins/rateLimits')
  const { installGracefulShutdown } = await import('@/lib/operations/shutdown')
  const { observeRequests } = await import('@/lib/operations/requests')
  recordPeerAddresses()
  observeRequests()
  installGracefulShutdown()
  const { getEnv } = await import('@/lib/kit/env')
  const { serverErrorTracking } = await import('@/lib/operations/errorTracking')
  const options = serverErrorTracking(getEnv())
  if (options) {
    const Sentry = await import('@sentry/nextjs')
    Sentry.init(options)
  }
}

/**
 * Errors Next caught while rendering a page or running a route handler. Payload's own routes
 * answer their errors themselves, and report them through the Sentry plugin's `afterError`.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.SENTRY_DSN) return
  const Sentry = await import('@sentry/nextjs')
  Sentry.captureRequestError(error, request, context)
}
