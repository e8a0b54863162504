import { getPayload, type SanitizedConfig } from 'payload'

import { limitRequest, RateLimitError } from '@/plugins/rateLimits'

type RouteHandler<A extends unknown[]> = (request: Request, ...args: A) => Promise<Response>

/** How long a 429 asks the client to wait, from the error format's details. */
const withRetryAfter = async (response: Response): Promise<Response> => {
  if (response.status !== 429 || response.headers.has('Retry-After')) return response
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { details?: { retryAfterSeconds?: unknown } } } | null
  const seconds = body?.error?.details?.retryAfterSeconds
  if (typeof seconds !== 'number') return response
  const headers = new Headers(response.headers)
  headers.set('Retry-After', String(seconds))
  return new Response(response.body, { status: 429, statusText: response.statusText, headers })
}

const rateLimited = (error: RateLimitError) =>
  Response.json(
    {
      success: false,
      error: { code: error.code, message: error.message, details: error.details },
      errors: [{ message: error.message }],
    },
    { status: 429, headers: { 'Retry-After': String(error.details.retryAfterSeconds) } },
  )

/**
 * Payload's Next route handlers, each request first counted against its rate limits (when
 * given the config), with one more net: the few failures Payload throws before its
 * own error handling (the body of a `POST` sent with `X-HTTP-Method-Override: GET`, or a
 * GraphQL body it cannot read) leave as a 4xx in the error format, not Next's bare 500. A
 * failure that is ours is still a 500, logged here, with no stack trace in the answer.
 */
export const guardRoute =
  <A extends unknown[]>(
    handler: RouteHandler<A>,
    config?: Promise<SanitizedConfig> | SanitizedConfig,
  ): RouteHandler<A> =>
  async (request, ...args) => {
    try {
      if (config) await limitRequest(await getPayload({ config }), request)
      return await withRetryAfter(await handler(request, ...args))
    } catch (error) {
      if (error instanceof RateLimitError) return rateLimited(error)
      const { name, status: given } = error as { name?: string; status?: number }
      const status =
        typeof given === 'number' && given >= 400 && given < 500
          ? given
          : name === 'SyntaxError'
            ? 400
            : 500
      if (status === 500)
        console.error(`Unhandled error in ${request.method} ${request.url}`, error)
      const message =
        status === 500
          ? 'Something went wrong on our side. Please try again.'
          : name === 'SyntaxError'
            ? 'The request body is not valid JSON.'
            : (error as Error).message
      const code =
        status === 500
          ? 'INTERNAL_ERROR'
          : name === 'SyntaxError'
            ? 'INVALID_JSON'
            : 'INVALID_INPUT'
      return Response.json(
        { success: false, error: { code, message }, errors: [{ message }] },
        { status },
      )
    }
  }
