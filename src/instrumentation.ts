/**
 * Runs once in each server process before it handles a request. The rate limits need the
 * address of the socket each request came on, which Next's handlers do not expose: the app's
 * HTTP server writes it into a header of ours (see the rate limits plugin's `recordPeerAddresses`).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { recordPeerAddresses } = await import('@/plugins/rateLimits')
  recordPeerAddresses()
}
