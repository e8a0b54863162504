import type { PayloadRequest, Where } from 'payload'

import { slugs } from '@/collections/slugs'
import { findVisible } from '@/lib/kit/endpoint'
import { idOf } from '@/lib/kit/ids'
import type { ReviewResponse } from '@/payload-types'

/** `GET /api/reviews/vendor/:id`: the vendor's rating and figures, and a page of their reviews. */
export const vendorReviews = async (
  req: PayloadRequest,
  vendorId: number,
  paging: { page?: number; limit?: number } = {},
) => {
  const vendor = await findVisible(req, slugs.vendors, vendorId, 'Vendor not found.')
  return {
    vendor: {
      id: vendor.id,
      rating: vendor.rating,
      favourite: vendor.favourite ?? false,
      responseStats: vendor.responseStats,
    },
    ...(await publishedReviews(req, vendorId, paging)),
  }
}

/** A page of a vendor's published reviews, newest first, each with its response (or null). */
export const publishedReviews = async (
  req: PayloadRequest,
  vendorId: number,
  { page = 1, limit = 10 }: { page?: number; limit?: number } = {},
) => {
  const where: Where = {
    and: [{ vendor: { equals: vendorId } }, { status: { equals: 'published' } }],
  }
  const reviews = await req.payload.find({
    collection: slugs.reviews,
    where,
    sort: '-publishedAt',
    page,
    limit,
    depth: 1,
    user: req.user,
    overrideAccess: false,
    req,
  })
  const ids = reviews.docs.map((review) => review.id)
  const responses = ids.length
    ? await req.payload.find({
        collection: slugs.reviewResponses,
        where: { review: { in: ids } },
        limit: ids.length,
        depth: 0,
        user: req.user,
        overrideAccess: false,
        req,
      })
    : { docs: [] as ReviewResponse[] }
  const byReview = new Map(responses.docs.map((response) => [idOf(response.review), response]))
  return {
    docs: reviews.docs.map((review) => ({ ...review, response: byReview.get(review.id) ?? null })),
    totalDocs: reviews.totalDocs,
    page: reviews.page,
    totalPages: reviews.totalPages,
  }
}
