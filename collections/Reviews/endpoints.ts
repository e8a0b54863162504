import type { Endpoint } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { decisionEndpoint } from '@/lib/trust/endpoints'
import { respondToReview } from '@/lib/trust/responses'
import { moderateReview } from '@/lib/trust/reviewModeration'
import { vendorReviews } from '@/lib/trust/reviewReads'
import { deleteReview, editReview, reportReview, writeReview } from '@/lib/trust/reviews'

const pageParam = (
  value: string | null | undefined,
  fallback: number,
  max: number,
  name: string,
) => {
  if (value == null || value === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new RequestError(
      400,
      'INVALID_INPUT',
      `${name} must be a whole number from 1 to ${max}.`,
      [{ field: name, message: `Use 1 to ${max}.` }],
    )
  return number
}

/**
 * The seed's review endpoints. `GET /api/reviews` is Payload's own, filtered by read access:
 * published reviews for everyone, plus your own while they wait.
 */
export const reviewEndpoints: Endpoint[] = [
  {
    path: '/vendor/:id',
    method: 'get',
    handler: guarded(async (req) => {
      const page = pageParam(req.searchParams.get('page'), 1, 1000, 'page')
      const limit = pageParam(req.searchParams.get('limit'), 10, 50, 'limit')
      return apiJson(req, {
        success: true,
        data: await vendorReviews(req, routeId(req, 'Vendor'), { page, limit }),
      })
    }),
  },
  {
    path: '/',
    method: 'post',
    handler: guarded(async (req) =>
      apiJson(
        req,
        { success: true, data: await writeReview(req, await jsonBody(req)) },
        { status: 201 },
      ),
    ),
  },
  {
    path: '/:id',
    method: 'put',
    handler: guarded(async (req) =>
      apiJson(req, {
        success: true,
        data: await editReview(req, routeId(req, 'Review'), await jsonBody(req)),
      }),
    ),
  },
  {
    path: '/:id',
    method: 'delete',
    handler: guarded(async (req) =>
      apiJson(req, { success: true, data: await deleteReview(req, routeId(req, 'Review')) }),
    ),
  },
  {
    path: '/:id/response',
    method: 'post',
    handler: guarded(async (req) =>
      apiJson(
        req,
        {
          success: true,
          data: await respondToReview(req, routeId(req, 'Review'), await jsonBody(req)),
        },
        { status: 201 },
      ),
    ),
  },
  {
    path: '/:id/report',
    method: 'post',
    handler: guarded(async (req) =>
      apiJson(req, {
        success: true,
        data: await reportReview(req, routeId(req, 'Review'), await jsonBody(req)),
      }),
    ),
  },
  decisionEndpoint('/:id/moderate', 'Review', moderateReview),
]
