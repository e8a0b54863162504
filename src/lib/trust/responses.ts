import type { PayloadRequest } from 'payload'

import { checkRole } from '@/access/roles'
import { writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { queueEmail } from '@/lib/kit/email'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { inTransaction } from '@/lib/kit/transaction'
import type { Review, ReviewResponse, User } from '@/payload-types'

import { onlyFields, plainText } from './input'
import { readReview, type ReviewInput, vendorForEmail, withinWindow } from './reviews'

/** The vendor's one public response, to a published review of their own business. */
export const respondToReview = async (
  req: PayloadRequest,
  reviewId: number,
  input: ReviewInput,
) => {
  const user = signedIn(req)
  onlyFields(input, ['text'])
  const text = plainText(input.text ?? '', 'text')!
  return inTransaction(req, async () => {
    const review = await readReview(req, reviewId)
    // System read: the review's vendor owner is not shown to everyone.
    const full = (await req.payload.findByID({
      collection: slugs.reviews,
      id: reviewId,
      depth: 0,
      overrideAccess: true,
      req,
    })) as Review
    if (idOf(full.vendorOwner) !== user.id)
      throw new RequestError(403, 'FORBIDDEN', 'Only the vendor who was reviewed can respond.')
    if (review.status !== 'published')
      throw new RequestError(
        409,
        'REVIEW_NOT_PUBLISHED',
        'You can respond once the review is published.',
      )
    // System count: one response per review, whoever can see it.
    const existing = await req.payload.count({
      collection: slugs.reviewResponses,
      where: { review: { equals: reviewId } },
      overrideAccess: true,
      req,
    })
    if (existing.totalDocs > 0)
      throw new RequestError(
        409,
        'ALREADY_RESPONDED',
        'You have already responded to this review; edit that response instead.',
      )
    const response = (await req.payload.create({
      collection: slugs.reviewResponses,
      data: { review: reviewId, vendor: idOf(review.vendor), vendorOwner: user.id, text },
      depth: 0,
      user,
      overrideAccess: false,
      context: writingAs('trust'),
      req,
    })) as ReviewResponse
    const vendor = await vendorForEmail(req, idOf(review.vendor))
    await queueEmail(req, {
      userId: idOf(full.organizer),
      subject: `${vendor?.businessName ?? 'The vendor'} responded to your review`,
      intro: `${vendor?.businessName ?? 'The vendor'} posted a public response to your review.`,
      actionLabel: 'Read the response',
      actionPath: `/vendors/${vendor?.slug ?? idOf(review.vendor)}#review-${reviewId}`,
      kind: 'reviews',
    })
    return response
  })
}

const readOwnResponse = async (req: PayloadRequest, id: number, user: User) => {
  const response = (await findVisible(
    req,
    slugs.reviewResponses,
    id,
    'Response not found.',
  )) as ReviewResponse
  if (idOf(response.vendorOwner) !== user.id && !checkRole(['admin'], user))
    throw new RequestError(
      403,
      'FORBIDDEN',
      'Only the vendor who wrote this response can change it.',
    )
  return response
}

/** The vendor (or an admin) rewrites the response, within 30 days of posting it. */
export const editResponse = async (req: PayloadRequest, id: number, input: ReviewInput) => {
  const user = signedIn(req)
  onlyFields(input, ['text'])
  const text = plainText(input.text ?? '', 'text')!
  const response = await readOwnResponse(req, id, user)
  withinWindow(response.createdAt, 'A response')
  return req.payload.update({
    collection: slugs.reviewResponses,
    id,
    data: { text, editedAt: new Date().toISOString() },
    depth: 0,
    user,
    overrideAccess: false,
    context: writingAs('trust'),
    req,
  })
}

export const deleteResponse = async (req: PayloadRequest, id: number) => {
  const user = signedIn(req)
  await readOwnResponse(req, id, user)
  // System delete: collection delete is admin-only, and the ownership was checked above.
  await req.payload.delete({ collection: slugs.reviewResponses, id, overrideAccess: true, req })
  return { id, deleted: true }
}
