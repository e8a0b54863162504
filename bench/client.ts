/**
 * `fetch` for the benchmarks' own requests (set-up, sign-ins, the one-at-a-time latency loops;
 * autocannon keeps its own counts). Node's fetch reuses keep-alive connections, and a server
 * may close one just as a request is written on it: the request fails with `ECONNRESET` (or
 * undici's "other side closed") without having been answered. Such a request is sent again on
 * a fresh connection — always for GET and HEAD, and for other methods only when the caller says
 * a repeat is harmless — and every retry and every request that still failed is counted, so a
 * run reports them instead of dying half-way.
 */

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])
const ATTEMPTS = 3

export const requestCounts = { retried: 0, failed: 0 }

/** Whether an error from fetch is a connection closed under the request. */
export const isReset = (error: unknown): boolean => {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause
  return RESET_CODES.has(cause?.code ?? (error as { code?: string } | undefined)?.code ?? '')
}

type Options = { idempotent?: boolean }

/** fetch, sent again after a reset connection; throws once the attempts are spent. */
export const benchFetch = async (
  url: string,
  init: RequestInit = {},
  { idempotent }: Options = {},
): Promise<Response> => {
  const method = (init.method ?? 'GET').toUpperCase()
  const repeatable = idempotent ?? (method === 'GET' || method === 'HEAD')
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init)
    } catch (error) {
      if (!repeatable || !isReset(error) || attempt >= ATTEMPTS) {
        requestCounts.failed += 1
        throw error
      }
      requestCounts.retried += 1
    }
  }
}

/** As `benchFetch`, but a request that still failed is counted and answered with null. */
export const tryBenchFetch = async (
  url: string,
  init: RequestInit = {},
  options: Options = {},
): Promise<Response | null> => {
  try {
    return await benchFetch(url, init, options)
  } catch (error) {
    if (isReset(error)) return null
    throw error
  }
}

/** One line for the report: how many requests were sent again, and how many failed. */
export const requestReport = () =>
  `Client: ${requestCounts.retried} requests sent again after a reset connection, ${requestCounts.failed} failed`
