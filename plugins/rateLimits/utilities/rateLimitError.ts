import { APIError } from 'payload'

import { type LimitName, RATE_LIMITS } from '../limits'

const wait = (seconds: number): string => {
  if (seconds < 90) return `${seconds} seconds`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 90) return `about ${minutes} minutes`
  return `about ${Math.ceil(minutes / 60)} hours`
}

/**
 * A request over its limit: 429, with how long to wait in words, in `details` (the error
 * format's) and, set by the route wrapper, in `Retry-After`.
 */
export class RateLimitError extends APIError<{ retryAfterSeconds: number }> {
  readonly code = 'RATE_LIMITED'
  readonly details: { retryAfterSeconds: number }

  constructor(
    readonly limit: LimitName,
    msBeforeNext: number,
  ) {
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000))
    super(
      RATE_LIMITS[limit].message.replace('{wait}', wait(retryAfterSeconds)),
      429,
      { retryAfterSeconds },
      true,
    )
    this.name = 'RateLimitError'
    this.details = { retryAfterSeconds }
  }
}
