/**
 * Runs once in each server process before it handles a request. It works on the HTTP servers
 * Next's handlers do not expose: the rate limits need each request's socket address (written
 * into a header of ours, see the rate limits plugin's `recordPeerAddresses`); the request log,
 * the metrics and a graceful shutdown need each request's start, end and server.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { recordPeerAddresses } = await import('@/plugins/rateLimits')
  const { installGracefulShutdown } = await import('@/lib/operations/shutdown')
  const { observeRequests } = await import('@/lib/operations/requests')
  recordPeerAddresses()
  observeRequests()
  installGracefulShutdown()
}
