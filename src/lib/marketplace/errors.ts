import {
  APIError,
  type CollectionSlug,
  type DataFromCollectionSlug,
  type PayloadRequest,
  ValidationError,
} from 'payload'

import { apiError } from '@/lib/apiResponse'
import { RateLimitError } from '@/plugins/rateLimits'
import { parseSerialId } from '@/plugins/strictInput'
import type { User } from '@/payload-types'

/** A refusal a person can act on: the HTTP status, a stable code and the reason in words. */
export class MarketplaceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'MarketplaceError'
  }
}

type FieldProblem = { path?: string; message?: string }

/**
 * The seed's error body for whatever a custom endpoint threw: our refusals and Payload's
 * validation and access errors keep their status and message; anything else is logged and
 * answered 500 without a stack trace.
 */
export const errorResponse = (req: PayloadRequest, error: unknown): Response => {
  if (error instanceof MarketplaceError) {
    return apiError(req, error.status, error.code, error.message, error.details)
  }
  if (error instanceof ValidationError) {
    const problems = ((error.data as { errors?: FieldProblem[] })?.errors ?? []).map(
      ({ path, message }) => ({ field: path ?? '', message: message ?? 'Invalid value.' }),
    )
    const message = problems.map((problem) => problem.message).join(' ') || error.message
    return apiError(req, 400, 'INVALID_INPUT', message, problems)
  }
  if (error instanceof RateLimitError) {
    return apiError(req, 429, error.code, error.message, error.details)
  }
  if (error instanceof APIError && error.status < 500) {
    const code = error.status === 403 ? 'FORBIDDEN' : error.status === 404 ? 'NOT_FOUND' : 'REFUSED'
    return apiError(req, error.status, code, error.message)
  }
  req.payload.logger.error({ err: error, msg: `Unhandled error in ${req.method} ${req.url}` })
  return apiError(req, 500, 'INTERNAL_ERROR', 'Something went wrong on our side. Please try again.')
}

/** Wraps a custom endpoint's handler so every failure leaves in the seed's error shape. */
export const guarded =
  (handler: (req: PayloadRequest) => Promise<Response>) =>
  async (req: PayloadRequest): Promise<Response> => {
    try {
      return await handler(req)
    } catch (error) {
      return errorResponse(req, error)
    }
  }

/** The signed-in person making the request, or a 401 saying what signing in is for. */
export const signedIn = (req: PayloadRequest, message = 'Sign in first.'): User => {
  if (!req.user) throw new MarketplaceError(401, 'UNAUTHORIZED', message)
  return req.user as User
}

/** A 400 about one field of the request body, naming it. */
export const invalidInput = (field: string, message: string) =>
  new MarketplaceError(400, 'INVALID_INPUT', message, [{ field, message }])

/** The numeric `:id` of a route, or a 404 for anything else (`/api/jobs/abc/apply`, `/api/jobs/2147483648/apply`). */
export const routeId = (req: PayloadRequest, noun: string): number => {
  const id = parseSerialId(req.routeParams?.id)
  if (id === null) throw new MarketplaceError(404, 'NOT_FOUND', `${noun} not found.`)
  return id
}

/** The JSON body of a request as an object, or a 400 that says what was wrong with it. */
export const jsonBody = async (req: PayloadRequest): Promise<Record<string, unknown>> => {
  let body: unknown
  try {
    body = req.json ? await req.json() : {}
  } catch {
    throw new MarketplaceError(400, 'INVALID_JSON', 'The request body is not valid JSON.')
  }
  if (body == null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new MarketplaceError(400, 'INVALID_INPUT', 'The request body must be a JSON object.')
  }
  return body as Record<string, unknown>
}

/**
 * A document as the caller may see it (their own access): one they may not see is a 404 with
 * `notFound` as the message, exactly like one that does not exist, so ids cannot be probed.
 */
export const findVisible = async <S extends CollectionSlug>(
  req: PayloadRequest,
  collection: S,
  id: number,
  notFound: string,
  depth = 0,
): Promise<DataFromCollectionSlug<S>> => {
  const doc = await req.payload.findByID({
    collection,
    id,
    depth,
    user: req.user,
    overrideAccess: false,
    disableErrors: true,
    req,
  })
  if (!doc) throw new MarketplaceError(404, 'NOT_FOUND', notFound)
  return doc as DataFromCollectionSlug<S>
}
