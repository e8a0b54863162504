import { captureException } from '@sentry/core'
import { APIError, type PayloadRequest, ValidationError } from 'payload'

import { routeOf } from './routes'

import { apiError } from './response'

/**
 * A refusal a person can act on: the HTTP status, a stable code and the reason in words. Any
 * domain throws it; `guarded` endpoints answer it in the error format.
 */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'RequestError'
  }
}

type FieldProblem = { path?: string; message?: string }

const codeForStatus = (status: number): string =>
  status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'REFUSED'

/**
 * The seed's error body for whatever a custom endpoint threw: our refusals and Payload's
 * validation and access errors keep their status and message (and an APIError that carries
 * its own `code` and `details`, as a rate limit's does, keeps those); anything else is logged
 * and answered 500 without a stack trace.
 */
export const errorResponse = (req: PayloadRequest, error: unknown): Response => {
  if (error instanceof RequestError) {
    return apiError(req, error.status, error.code, error.message, error.details)
  }
  if (error instanceof ValidationError) {
    const problems = ((error.data as { errors?: FieldProblem[] })?.errors ?? []).map(
      ({ path, message }) => ({ field: path ?? '', message: message ?? 'Invalid value.' }),
    )
    const message = problems.map((problem) => problem.message).join(' ') || error.message
    return apiError(req, 400, 'INVALID_INPUT', message, problems)
  }
  if (error instanceof APIError && error.status < 500) {
    const own = error as APIError & { code?: unknown; details?: unknown }
    const code = typeof own.code === 'string' ? own.code : codeForStatus(error.status)
    return apiError(req, error.status, code, error.message, own.details)
  }
  const route = routeOf(new URL(req.url ?? '/', 'http://localhost').pathname)
  // The route, not the URL: a token can travel in a path (calendar feeds, unsubscribe links).
  req.payload.logger.error({ err: error, msg: `Unhandled error in ${req.method} ${route}` })
  // To Sentry when it is configured (src/lib/operations/errorTracking.ts); otherwise a no-op.
  captureException(error, {
    ...(req.user ? { user: { id: String(req.user.id) } } : {}),
    tags: { route },
  })
  return apiError(req, 500, 'INTERNAL_ERROR', 'Something went wrong on our side. Please try again.')
}

/** A 400 about one field of the request body, naming it. */
export const invalidInput = (field: string, message: string) =>
  new RequestError(400, 'INVALID_INPUT', message, [{ field, message }])
