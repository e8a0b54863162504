import type { Endpoint } from 'payload'
import { z } from 'zod'

import { RATING_DIMENSIONS, type RatingDimension } from '@/lib/constants'
import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { decisionEndpoint, decisionRequest } from '@/lib/trust/endpoints'
import { respondToReview } from '@/lib/trust/responses'
import { MODERATION, moderateReview } from '@/lib/trust/reviewModeration'
import { vendorReviews } from '@/lib/trust/reviewReads'
import { deleteReview, editReview, reportReview, writeReview } from '@/lib/trust/reviews'
import {
  MAX_REPORT_REASON,
  MAX_REVIEW_PHOTOS,
  MAX_REVIEW_TEXT,
  MIN_REVIEW_TEXT,
} from '@/lib/trust/rules'
import { documented, documentOf, envelope } from '@/plugins/openapi'

import { ResponseRequest } from '../ReviewResponses/endpoints'

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

const rating = z.number().int().min(1).max(5)

/** The five ratings `ratingsFrom` reads, one per dimension, each a whole number 1–5. */
const Ratings = z.strictObject(
  Object.fromEntries(
    RATING_DIMENSIONS.map(({ value, label }) => [value, rating.describe(`${label}, 1–5.`)]),
  ) as Record<RatingDimension, typeof rating>,
)

const reviewText = z
  .string()
  .trim()
  .min(MIN_REVIEW_TEXT)
  .max(MAX_REVIEW_TEXT)
  .describe('Plain text, shown escaped.')

const photoIds = z
  .array(z.number().int())
  .max(MAX_REVIEW_PHOTOS)
  .describe('Ids of images you uploaded yourself (`media`); repeats count once.')

/** The body `writeReview` reads: the booking, every rating, the text and optional photos. */
export const ReviewRequest = z.strictObject({
  booking: z.number().int().positive().describe('Your completed booking of the vendor.'),
  ratings: Ratings,
  text: reviewText,
  photos: photoIds.optional(),
})

/** `editReview`: any of the three; ratings not sent keep their value, photos sent replace them. */
export const ReviewChangesRequest = z.strictObject({
  ratings: Ratings.partial().optional(),
  text: reviewText.optional(),
  photos: photoIds.optional(),
})

/** `reportReview`'s body: a reason for the moderators, trimmed. */
export const ReportRequest = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(5)
    .max(MAX_REPORT_REASON)
    .describe('What is wrong with the review, for the moderators.'),
})

const figure = z.number().nullable().optional()

/** The page `vendorReviews` answers: the vendor's figures and a page of published reviews. */
const VendorReviewsPage = z.object({
  vendor: z.object({
    id: z.number().int(),
    rating: z
      .object({
        average: figure,
        count: figure,
        score: figure.describe('Bayesian average used for ranking.'),
        quality: figure,
        communication: figure,
        value: figure,
        professionalism: figure,
      })
      .optional(),
    favourite: z.boolean().describe('Event Pros Favourite.'),
    responseStats: z
      .object({ responseRate: figure, medianResponseHours: figure, conversations: figure })
      .optional(),
  }),
  docs: z
    .array(documentOf('reviews', { response: documentOf('review-responses').nullable() }))
    .describe('Newest first, each with the vendor’s response or null.'),
  totalDocs: z.number().int(),
  page: z.number().int(),
  totalPages: z.number().int(),
})

/**
 * The seed's review endpoints. `GET /api/reviews` is Payload's own, filtered by read access:
 * published reviews for everyone, plus your own while they wait.
 */
export const reviewEndpoints: Endpoint[] = [
  documented(
    {
      summary: "A vendor's reviews",
      description:
        "The vendor's rating, Favourite badge and response figures, and a page of their published reviews, each with the vendor's response. A vendor not on the site is 404.",
      caller: 'public',
      query: z.object({
        page: z.coerce.number().int().min(1).max(1000).optional().describe('Default 1.'),
        limit: z.coerce.number().int().min(1).max(50).optional().describe('Default 10.'),
      }),
      response: envelope(VendorReviewsPage),
    },
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
  ),
  documented(
    {
      summary: 'Review a vendor',
      description:
        'The organizer of a completed booking reviews its vendor, once. The review waits as `pending` until a moderator publishes it, or goes live after 48 hours when the checks found nothing and nobody reported it. 409 `EVENT_NOT_HELD` before the booking completes, `BOOKING_CANCELLED`, `ALREADY_REVIEWED`; 404 for a booking that is not yours; 429 past the hourly review allowance.',
      caller: 'organizer',
      body: ReviewRequest,
      response: envelope(documentOf('reviews')),
      status: 201,
      example: {
        booking: 42,
        ratings: { overall: 5, quality: 5, communication: 4, value: 5, professionalism: 5 },
        text: 'The food was superb and the team were a pleasure to work with.',
      },
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
  ),
  documented(
    {
      summary: 'Edit a review',
      description:
        'Its author changes it within 30 days; the checks run again, and a published review that now trips one goes back to the moderators. 403 for anyone else; 409 `EDIT_WINDOW_CLOSED` after 30 days, `REVIEW_CLOSED` once a moderator took it down.',
      caller: 'organizer',
      body: ReviewChangesRequest,
      response: envelope(documentOf('reviews')),
      example: { ratings: { communication: 5 } },
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
  ),
  documented(
    {
      summary: 'Delete a review',
      description:
        "Its author (or an admin) deletes it, with the vendor's response; the vendor's rating follows. 403 for anyone else.",
      caller: 'organizer',
      response: envelope(z.object({ id: z.number().int(), deleted: z.literal(true) })),
    },
    {
      path: '/:id',
      method: 'delete',
      handler: guarded(async (req) =>
        apiJson(req, { success: true, data: await deleteReview(req, routeId(req, 'Review')) }),
      ),
    },
  ),
  documented(
    {
      summary: 'Respond to a review',
      description:
        'The reviewed vendor posts one public response to a published review; its author is told by email. 403 for anyone else; 409 `REVIEW_NOT_PUBLISHED`, `ALREADY_RESPONDED`.',
      caller: 'vendor',
      body: ResponseRequest,
      response: envelope(documentOf('review-responses')),
      status: 201,
      example: { text: 'Thank you for the kind words: it was a joy to cater your day.' },
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
  ),
  documented(
    {
      summary: 'Report a review',
      description:
        'Anyone signed in reports a review once, with a reason; it then waits for a moderator. 409 `OWN_REVIEW` for your own review, `ALREADY_REPORTED` for a second report.',
      caller: 'signed-in',
      body: ReportRequest,
      response: envelope(z.object({ id: z.number().int(), reported: z.literal(true) })),
      example: { reason: 'This reviewer never booked this vendor.' },
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
  ),
  decisionEndpoint('/:id/moderate', 'Review', moderateReview, {
    summary: 'Moderate a review',
    description:
      'Publish, reject, hide or dismiss its reports; rejecting and hiding need a reason, which is emailed to the author. 409 INVALID_TRANSITION when the review is not in a state the action applies to.',
    caller: 'staff',
    body: decisionRequest({ choices: MODERATION, strict: true }),
    response: envelope(documentOf('reviews')),
  }),
]
