import type { PayloadRequest } from 'payload'

import { writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { queueEmail } from '@/lib/kit/email'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { inTransaction } from '@/lib/kit/transaction'
import type { Review } from '@/payload-types'
import { publish, userChannel } from '@/plugins/realtime'

import { moderation } from './moderation'
import { recomputeVendorRating } from './ratings'
import { vendorForEmail } from './reviews'

type ReviewModeration = 'publish' | 'reject' | 'hide' | 'dismiss-reports'

/** Each moderator action on a review: the statuses it applies to and whether it needs a reason. */
export const MODERATION: Record<
  ReviewModeration,
  { from: Review['status'][]; needsReason: boolean }
> = {
  publish: { from: ['pending', 'hidden', 'rejected'], needsReason: false },
  reject: { from: ['pending'], needsReason: true },
  hide: { from: ['published'], needsReason: true },
  'dismiss-reports': { from: ['pending', 'published'], needsReason: false },
}

/** Publishes a review (a moderator's decision or the 48-hour rule): emails both sides, rating updated. */
const publishReview = async (req: PayloadRequest, review: Review, data: Partial<Review>) => {
  const now = new Date().toISOString()
  // System write: shared by a moderator's decision (checked by the caller) and the scheduler,
  // which has no user.
  const updated = await req.payload.update({
    collection: slugs.reviews,
    id: review.id,
    data: { ...data, status: 'published', publishedAt: review.publishedAt ?? now },
    depth: 0,
    overrideAccess: true,
    req,
  })
  const vendorId = idOf(review.vendor)
  await recomputeVendorRating(req, vendorId)
  const vendor = await vendorForEmail(req, vendorId)
  await queueEmail(req, {
    userId: idOf(review.organizer),
    subject: 'Your review is live',
    intro: `Thanks for reviewing ${vendor?.businessName ?? 'your vendor'}. Your review is now on their page.`,
    actionLabel: 'See your review',
    actionPath: `/vendors/${vendor?.slug ?? vendorId}#reviews`,
    kind: 'reviews',
  })
  if (review.vendorOwner) {
    await queueEmail(req, {
      userId: idOf(review.vendorOwner),
      subject: `New ${review.ratings?.overall ?? ''}-star review from ${review.authorName ?? 'an organizer'}`,
      intro: `${review.authorName ?? 'An organizer'} reviewed ${vendor?.businessName ?? 'your business'}. You can post one public response.`,
      actionLabel: 'Read and respond',
      actionPath: `/vendors/${vendor?.slug ?? vendorId}#review-${review.id}`,
      kind: 'reviews',
    })
    await publish(req, userChannel(idOf(review.vendorOwner)), 'review.published', {
      reviewId: review.id,
      vendorId,
      vendorSlug: vendor?.slug ?? String(vendorId),
    })
  }
  return updated as Review
}

const resolvedReports = (review: Review) =>
  (review.reports ?? []).map((report) => ({ ...report, resolved: true }))

/** A moderator publishes, rejects or hides a review, or dismisses its reports; each is audited. */
export const moderateReview = moderation({
  collection: slugs.reviews,
  noun: 'Review',
  auditAs: 'review',
  choices: MODERATION,
  strict: true,
  context: writingAs('trust'),
  act: async (review, { req, moderator, choice: action, reason, save }) => {
    if (!MODERATION[action].from.includes(review.status))
      throw new RequestError(
        409,
        'INVALID_TRANSITION',
        `A ${review.status} review cannot be given “${action}”.`,
      )
    const decided = {
      moderatedBy: moderator.id,
      moderationNote: reason,
      reports: resolvedReports(review),
      openReports: 0,
    }
    let updated: Review
    if (action === 'publish') {
      updated = await publishReview(req, review, decided)
    } else if (action === 'dismiss-reports') {
      updated = await save({
        reports: decided.reports,
        openReports: 0,
        moderatedBy: moderator.id,
      })
    } else {
      const rejected = action === 'reject'
      updated = await save({ ...decided, status: rejected ? 'rejected' : 'hidden' })
      if (review.status === 'published') await recomputeVendorRating(req, idOf(review.vendor))
      await queueEmail(req, {
        userId: idOf(review.organizer),
        subject: rejected ? 'Your review was not published' : 'Your review was taken down',
        intro: `A moderator ${rejected ? 'did not publish' : 'took down'} your review. Their reason: ${reason}`,
        actionLabel: 'See your bookings',
        actionPath: '/bookings',
        outro: 'If you think this is a mistake, reply to this email and a person will look again.',
      })
    }
    return {
      updated,
      summary: `${action} review ${review.id} of vendor ${idOf(review.vendor)}`,
      details: { from: review.status, to: updated.status, reason },
    }
  },
})

/** Reviews whose 48 hours have passed, with nothing flagged and no open report, go live. */
export const publishDueReviews = async (req: PayloadRequest) => {
  // System read: this is the platform's own rule, run by the scheduler.
  const { docs } = await req.payload.find({
    collection: slugs.reviews,
    where: {
      and: [
        { status: { equals: 'pending' } },
        { autoPublishAt: { less_than_equal: new Date().toISOString() } },
        { openReports: { equals: 0 } },
      ],
    },
    limit: 200,
    depth: 0,
    overrideAccess: true,
    req,
  })
  let published = 0
  for (const review of docs as Review[]) {
    if (review.flags?.length) continue
    await inTransaction(req, async () => {
      await publishReview(req, review, {})
    })
    published += 1
  }
  return { published }
}
