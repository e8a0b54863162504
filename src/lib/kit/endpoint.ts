import type { CollectionSlug, DataFromCollectionSlug, PayloadRequest } from 'payload'

import type { User } from '@/payload-types'

import { errorResponse, RequestError } from './errors'
import { parseSerialId } from './ids'

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
  if (!req.user) throw new RequestError(401, 'UNAUTHORIZED', message)
  return req.user as User
}

/** The numeric `:id` of a route, or a 404 for anything else (`/api/jobs/abc/apply`, `/api/jobs/2147483648/apply`). */
export const routeId = (req: PayloadRequest, noun: string): number => {
  const id = parseSerialId(req.routeParams?.id)
  if (id === null) throw new RequestError(404, 'NOT_FOUND', `${noun} not found.`)
  return id
}

/** The JSON body of a request as an object, or a 400 that says what was wrong with it. */
export const jsonBody = async (req: PayloadRequest): Promise<Record<string, unknown>> => {
  let body: unknown
  try {
    body = req.json ? await req.json() : {}
  } catch {
    throw new RequestError(400, 'INVALID_JSON', 'The request body is not valid JSON.')
  }
  if (body == null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new RequestError(400, 'INVALID_INPUT', 'The request body must be a JSON object.')
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
  if (!doc) throw new RequestError(404, 'NOT_FOUND', notFound)
  return doc as DataFromCollectionSlug<S>
}
