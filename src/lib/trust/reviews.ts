import type { PayloadRequest, Where } from 'payload'

import { checkRole, isStaffUser } from '@/access/roles'
import { RATING_DIMENSIONS, type RatingDimension } from '@/lib/constants'
import { idOf } from '@/lib/idOf'
import { nzDay, nzToday } from '@/lib/marketplace/dates'
import { findVisible, invalidInput, MarketplaceError, signedIn } from '@/lib/marketplace/errors'
import { queueEmail } from '@/lib/marketplace/notify'
import { inTransaction } from '@/lib/marketplace/transaction'
import type { Booking, Job, Review, ReviewResponse, User, Vendor } from '@/payload-types'
import { consumeLimit, refuseIfSpent } from '@/plugins/rateLimits'
import { publish, userChannel } from '@/plugins/realtime'

import { recordAudit } from './audit'
import { reviewFlags } from './checks'
import { trustContext } from './context'
import { recomputeVendorRating } from './ratings'
import {
  AUTO_PUBLISH_AFTER_MS,
  EDIT_WINDOW_MS,
  MAX_REPORT_REASON,
  MAX_REVIEW_PHOTOS,
} from './rules'

/** Refuses fields the caller may not send, naming each, before anything is read. */
const onlyFields = (input: Record<string, unknown>, allowed: string[]) => {
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key))
  if (unknown.length) {
    const problems = unknown.map((field) => ({ field, message: `Unknown field "${field}".` }))
    throw new MarketplaceError(
      400,
      'INVALID_INPUT',
      problems.map((p) => p.message).join(' '),
      problems,
    )
  }
}

const plainText = (value: unknown, field: string): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalidInput(field, `${field} must be text.`)
  return value.trim()
}

type Ratings = Record<RatingDimension, number>

/** The five ratings, each a whole number 1–5; on edit the ones not sent are kept. */
const ratingsFrom = (value: unknown, current?: Partial<Ratings> | null): Ratings | undefined => {
  if (value === undefined) return undefined
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw invalidInput(
      'ratings',
      'ratings must be an object like { "overall": 5, "quality": 4, … }.',
    )
  const given = value as Record<string, unknown>
  const names = RATING_DIMENSIONS.map((d) => d.value as string)
  const extra = Object.keys(given).filter((key) => !names.includes(key))
  if (extra.length)
    throw invalidInput('ratings', `Unknown rating "${extra[0]}". Rate ${names.join(', ')}.`)
  const ratings = {} as Ratings
  for (const { value: name, label } of RATING_DIMENSIONS) {
    const rating = given[name] ?? current?.[name]
    if (rating == null)
      throw invalidInput(`ratings.${name}`, `Rate ${label.toLowerCase()} from 1 to 5.`)
    if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5)
      throw invalidInput(`ratings.${name}`, `${label} must be a whole number from 1 to 5.`)
    ratings[name] = rating
  }
  return ratings
}

/** Photo ids: at most six, each an upload of the author's own. */
const ownPhotos = async (req: PayloadRequest, value: unknown): Promise<number[] | undefined> => {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || value.some((id) => !Number.isInteger(id)))
    throw invalidInput('photos', 'photos must be a list of uploaded image ids.')
  const ids = [...new Set(value as number[])]
  if (ids.length > MAX_REVIEW_PHOTOS)
    throw invalidInput('photos', `Add at most ${MAX_REVIEW_PHOTOS} photos.`)
  if (!ids.length) return []
  const { docs } = await req.payload.find({
    collection: 'media',
    where: { and: [{ id: { in: ids } }, { owner: { equals: req.user!.id } }] },
    limit: ids.length,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    req,
  })
  const images = docs.filter((doc) => doc.mimeType?.startsWith('image/'))
  if (images.length !== ids.length)
    throw invalidInput('photos', 'Each photo must be an image you uploaded yourself.')
  return ids
}

/** "Olivia P." — how an author is shown in public. */
const publicName = (user: User) =>
  `${user.firstName} ${user.lastName ? `${user.lastName[0]!.toUpperCase()}.` : ''}`.trim()

const readReview = (req: PayloadRequest, id: number): Promise<Review> =>
  findVisible(req, 'reviews', id, 'Review not found.')

/**
 * A review written by the caller (author, reporter or moderator) with their own access: the
 * trust context lets the write through once this service's checks have passed.
 */
const updateReviewAsCaller = (req: PayloadRequest, id: number, data: Partial<Review>) =>
  req.payload.update({
    collection: 'reviews',
    id,
    data,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    context: trustContext,
    req,
  }) as Promise<Review>

/** System read: the vendor's name and page for an email, whoever the email is about. */
const vendorName = async (req: PayloadRequest, vendorId: number) => {
  const vendor = await req.payload.findByID({
    collection: 'vendors',
    id: vendorId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  return vendor as Vendor | null
}

export type ReviewInput = Record<string, unknown>

/**
 * An organizer reviews the vendor of one of their bookings, after the event and once. The
 * review waits as `pending`: a moderator publishes it, or it goes live after 48 hours if the
 * automatic checks found nothing and nobody reported it.
 */
/** Reviews an hour per person (the rate-limit table): refused before, counted once written. */
const reviewsKey = (user: User) => [`user:${user.id}`]

export const writeReview = async (req: PayloadRequest, input: ReviewInput): Promise<Review> => {
  const user = signedIn(req)
  onlyFields(input, ['booking', 'ratings', 'text', 'photos'])
  if (!checkRole(['organizer'], user)) {
    throw new MarketplaceError(
      403,
      'FORBIDDEN',
      'Only the organizer who booked a vendor can review them.',
    )
  }
  await refuseIfSpent(req.payload, 'reviews', reviewsKey(user))
  const bookingId = Number(input.booking)
  if (!Number.isInteger(bookingId) || bookingId < 1)
    throw invalidInput('booking', 'Name the booking you are reviewing.')
  const ratings = ratingsFrom(input.ratings ?? {})!
  const text = plainText(input.text ?? '', 'text')!
  return inTransaction(req, async () => {
    const booking = (await findVisible(
      req,
      'bookings',
      bookingId,
      'Booking not found.',
      1,
    )) as Booking
    if (idOf(booking.organizer) !== user.id)
      throw new MarketplaceError(404, 'NOT_FOUND', 'Booking not found.')
    if (idOf(booking.vendorOwner) === user.id)
      throw new MarketplaceError(403, 'FORBIDDEN', 'You cannot review your own business.')
    if (booking.status === 'cancelled')
      throw new MarketplaceError(
        409,
        'BOOKING_CANCELLED',
        'This booking was cancelled, so it cannot be reviewed.',
      )
    if (nzDay(booking.eventDate) >= nzToday()) {
      const day = new Date(booking.eventDate).toLocaleDateString('en-NZ', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Pacific/Auckland',
      })
      throw new MarketplaceError(
        409,
        'EVENT_NOT_HELD',
        `You can review this vendor after your event on ${day}.`,
      )
    }
    // System count: one review per booking, whoever can see the other.
    const existing = await req.payload.count({
      collection: 'reviews',
      where: { booking: { equals: booking.id } },
      overrideAccess: true,
      req,
    })
    if (existing.totalDocs > 0)
      throw new MarketplaceError(
        409,
        'ALREADY_REVIEWED',
        'You have already reviewed this booking; edit that review instead.',
      )
    const photos = await ownPhotos(req, input.photos)
    const job = typeof booking.job === 'object' ? (booking.job as Job) : null
    const review = (await req.payload.create({
      collection: 'reviews',
      data: {
        booking: booking.id,
        vendor: idOf(booking.vendor),
        organizer: user.id,
        vendorOwner: idOf(booking.vendorOwner),
        authorName: publicName(user),
        eventType: job?.eventType ?? null,
        eventDate: booking.eventDate,
        ratings,
        text,
        photos: photos ?? [],
        status: 'pending',
        flags: reviewFlags(text),
        openReports: 0,
        autoPublishAt: new Date(Date.now() + AUTO_PUBLISH_AFTER_MS).toISOString(),
      } as Review,
      depth: 0,
      user,
      overrideAccess: false,
      context: trustContext,
      req,
    })) as Review
    await consumeLimit(req.payload, 'reviews', reviewsKey(user))
    return review
  })
}

const withinWindow = (since: string, what: string) => {
  if (Date.now() - new Date(since).getTime() > EDIT_WINDOW_MS)
    throw new MarketplaceError(
      409,
      'EDIT_WINDOW_CLOSED',
      `${what} can be changed for 30 days only.`,
    )
}

/**
 * The author changes their review within 30 days. The checks run again: a published review
 * that now trips one goes back to the moderators; otherwise the vendor's rating follows the edit.
 */
export const editReview = async (req: PayloadRequest, id: number, input: ReviewInput) => {
  const user = signedIn(req)
  onlyFields(input, ['ratings', 'text', 'photos'])
  return inTransaction(req, async () => {
    const review = await readReview(req, id)
    if (idOf(review.organizer) !== user.id)
      throw new MarketplaceError(
        403,
        'FORBIDDEN',
        'Only the person who wrote this review can change it.',
      )
    if (review.status === 'rejected' || review.status === 'hidden')
      throw new MarketplaceError(
        409,
        'REVIEW_CLOSED',
        'A moderator took this review down, so it can no longer be changed.',
      )
    withinWindow(review.createdAt, 'A review')
    const ratings = ratingsFrom(input.ratings, review.ratings as Partial<Ratings>)
    const text = plainText(input.text, 'text')
    const photos = await ownPhotos(req, input.photos)
    const flags = reviewFlags(text ?? review.text)
    const backToModeration = review.status === 'published' && flags.length > 0
    const updated = await updateReviewAsCaller(req, id, {
      ...(ratings ? { ratings } : {}),
      ...(text !== undefined ? { text } : {}),
      ...(photos !== undefined ? { photos } : {}),
      flags,
      editedAt: new Date().toISOString(),
      ...(backToModeration ? { status: 'pending' } : {}),
    })
    if (review.status === 'published') await recomputeVendorRating(req, idOf(review.vendor))
    return updated
  })
}

/** The author (or an admin) deletes a review; its response goes with it and the rating follows. */
export const deleteReview = async (req: PayloadRequest, id: number) => {
  const user = signedIn(req)
  return inTransaction(req, async () => {
    const review = await readReview(req, id)
    const isAuthor = idOf(review.organizer) === user.id
    if (!isAuthor && !checkRole(['admin'], user))
      throw new MarketplaceError(
        403,
        'FORBIDDEN',
        'Only the person who wrote this review can delete it.',
      )
    // System deletes: the response is the vendor's, but it answers a review that is gone.
    await req.payload.delete({
      collection: 'review-responses',
      where: { review: { equals: id } },
      overrideAccess: true,
      req,
    })
    await req.payload.delete({ collection: 'reviews', id, overrideAccess: true, req })
    if (!isAuthor)
      await recordAudit(req, {
        action: 'review.delete',
        targetCollection: 'reviews',
        targetId: id,
        summary: `Deleted a review of vendor ${idOf(review.vendor)}`,
        details: { text: review.text, ratings: review.ratings },
      })
    if (review.status === 'published') await recomputeVendorRating(req, idOf(review.vendor))
    return { id, deleted: true }
  })
}

/** Anyone signed in may report a review once, with a reason; it then waits for a moderator. */
export const reportReview = async (req: PayloadRequest, id: number, input: ReviewInput) => {
  const user = signedIn(req)
  onlyFields(input, ['reason'])
  const reason = plainText(input.reason, 'reason') ?? ''
  if (reason.length < 5)
    throw invalidInput('reason', 'Say in a few words what is wrong with this review.')
  if (reason.length > MAX_REPORT_REASON)
    throw invalidInput('reason', `Keep the reason under ${MAX_REPORT_REASON} characters.`)
  return inTransaction(req, async () => {
    const review = await readReview(req, id)
    if (idOf(review.organizer) === user.id)
      throw new MarketplaceError(409, 'OWN_REVIEW', 'You cannot report your own review.')
    // System read: the reports are for moderators' eyes; we only check this person's.
    const full = (await req.payload.findByID({
      collection: 'reviews',
      id,
      depth: 0,
      overrideAccess: true,
      req,
    })) as Review
    const reports = full.reports ?? []
    if (reports.some((report) => idOf(report.by) === user.id))
      throw new MarketplaceError(
        409,
        'ALREADY_REPORTED',
        'You have already reported this review; a moderator will look at it.',
      )
    await updateReviewAsCaller(req, id, {
      reports: [...reports, { by: user.id, reason, at: new Date().toISOString(), resolved: false }],
      openReports: (full.openReports ?? 0) + 1,
    })
    return { id, reported: true }
  })
}

export type ModerationAction = 'publish' | 'reject' | 'hide' | 'dismiss-reports'

const MODERATION: Record<ModerationAction, { from: Review['status'][]; needsReason: boolean }> = {
  publish: { from: ['pending', 'hidden', 'rejected'], needsReason: false },
  reject: { from: ['pending'], needsReason: true },
  hide: { from: ['published'], needsReason: true },
  'dismiss-reports': { from: ['pending', 'published'], needsReason: false },
}

export const requireModerator = (req: PayloadRequest): User => {
  const user = signedIn(req)
  if (!isStaffUser(user))
    throw new MarketplaceError(403, 'FORBIDDEN', 'Only moderators can do this.')
  return user
}

export const moderationReason = (input: Record<string, unknown>, required: boolean) => {
  const reason = plainText(input.reason, 'reason')
  if (required && (!reason || reason.length < 5))
    throw invalidInput('reason', 'Give a reason: it is emailed to the person affected.')
  if (reason && reason.length > 1000)
    throw invalidInput('reason', 'Keep the reason under 1,000 characters.')
  return reason || null
}

/**
 * A moderator's decision from a request body: who decided (moderators and admins only), which
 * of `choices` they chose (named in a 400 otherwise) and the reason, required for `needsReason`.
 */
export const moderatorDecision = <C extends string>(
  req: PayloadRequest,
  input: Record<string, unknown>,
  options: {
    field: 'action' | 'decision'
    choices: readonly C[]
    needsReason: readonly C[]
    reasonField?: string
  },
) => {
  const moderator = requireModerator(req)
  const choice = input[options.field] as C
  if (!options.choices.includes(choice)) {
    const list = options.choices.join(', ')
    throw invalidInput(options.field, `${options.field} must be one of ${list}.`)
  }
  const reason = moderationReason(
    { reason: input[options.reasonField ?? 'reason'] },
    options.needsReason.includes(choice),
  )
  return { moderator, choice, reason }
}

/** Publishes a review (a moderator's decision or the 48-hour rule): emails both sides, rating updated. */
const publishReview = async (req: PayloadRequest, review: Review, data: Partial<Review>) => {
  const now = new Date().toISOString()
  // System write: shared by a moderator's decision (checked by the caller) and the scheduler,
  // which has no user.
  const updated = await req.payload.update({
    collection: 'reviews',
    id: review.id,
    data: { ...data, status: 'published', publishedAt: review.publishedAt ?? now },
    depth: 0,
    overrideAccess: true,
    req,
  })
  const vendorId = idOf(review.vendor)
  await recomputeVendorRating(req, vendorId)
  const vendor = await vendorName(req, vendorId)
  await queueEmail(req, {
    userId: idOf(review.organizer),
    subject: 'Your review is live',
    intro: `Thanks for reviewing ${vendor?.businessName ?? 'your vendor'}. Your review is now on their page.`,
    actionLabel: 'See your review',
    actionPath: `/vendors/${vendor?.slug ?? vendorId}#reviews`,
  })
  if (review.vendorOwner) {
    await queueEmail(req, {
      userId: idOf(review.vendorOwner),
      subject: `New ${review.ratings?.overall ?? ''}-star review from ${review.authorName ?? 'an organizer'}`,
      intro: `${review.authorName ?? 'An organizer'} reviewed ${vendor?.businessName ?? 'your business'}. You can post one public response.`,
      actionLabel: 'Read and respond',
      actionPath: `/vendors/${vendor?.slug ?? vendorId}#review-${review.id}`,
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
export const moderateReview = async (
  req: PayloadRequest,
  id: number,
  input: Record<string, unknown>,
) => {
  const actions = Object.keys(MODERATION) as ModerationAction[]
  const {
    moderator,
    choice: action,
    reason,
  } = moderatorDecision(req, input, {
    field: 'action',
    choices: actions,
    needsReason: actions.filter((name) => MODERATION[name].needsReason),
  })
  onlyFields(input, ['action', 'reason'])
  const rule = MODERATION[action]
  return inTransaction(req, async () => {
    const review = (await findVisible(req, 'reviews', id, 'Review not found.')) as Review
    if (!rule.from.includes(review.status))
      throw new MarketplaceError(
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
      updated = await updateReviewAsCaller(req, id, {
        reports: decided.reports,
        openReports: 0,
        moderatedBy: moderator.id,
      })
    } else {
      updated = await updateReviewAsCaller(req, id, {
        ...decided,
        status: action === 'reject' ? 'rejected' : 'hidden',
      })
      if (review.status === 'published') await recomputeVendorRating(req, idOf(review.vendor))
      await queueEmail(req, {
        userId: idOf(review.organizer),
        subject:
          action === 'reject' ? 'Your review was not published' : 'Your review was taken down',
        intro: `A moderator ${action === 'reject' ? 'did not publish' : 'took down'} your review. Their reason: ${reason}`,
        actionLabel: 'See your bookings',
        actionPath: '/bookings',
        outro: 'If you think this is a mistake, reply to this email and a person will look again.',
      })
    }
    await recordAudit(req, {
      action: `review.${action}`,
      targetCollection: 'reviews',
      targetId: id,
      summary: `${action} review ${id} of vendor ${idOf(review.vendor)}${reason ? `: ${reason}` : ''}`,
      details: { from: review.status, to: updated.status, reason },
    })
    return updated
  })
}

/** Reviews whose 48 hours have passed, with nothing flagged and no open report, go live. */
export const publishDueReviews = async (req: PayloadRequest) => {
  // System read: this is the platform's own rule, run by the scheduler.
  const { docs } = await req.payload.find({
    collection: 'reviews',
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
      collection: 'reviews',
      id: reviewId,
      depth: 0,
      overrideAccess: true,
      req,
    })) as Review
    if (idOf(full.vendorOwner) !== user.id)
      throw new MarketplaceError(403, 'FORBIDDEN', 'Only the vendor who was reviewed can respond.')
    if (review.status !== 'published')
      throw new MarketplaceError(
        409,
        'REVIEW_NOT_PUBLISHED',
        'You can respond once the review is published.',
      )
    // System count: one response per review, whoever can see it.
    const existing = await req.payload.count({
      collection: 'review-responses',
      where: { review: { equals: reviewId } },
      overrideAccess: true,
      req,
    })
    if (existing.totalDocs > 0)
      throw new MarketplaceError(
        409,
        'ALREADY_RESPONDED',
        'You have already responded to this review; edit that response instead.',
      )
    const response = (await req.payload.create({
      collection: 'review-responses',
      data: { review: reviewId, vendor: idOf(review.vendor), vendorOwner: user.id, text },
      depth: 0,
      user,
      overrideAccess: false,
      context: trustContext,
      req,
    })) as ReviewResponse
    const vendor = await vendorName(req, idOf(review.vendor))
    await queueEmail(req, {
      userId: idOf(full.organizer),
      subject: `${vendor?.businessName ?? 'The vendor'} responded to your review`,
      intro: `${vendor?.businessName ?? 'The vendor'} posted a public response to your review.`,
      actionLabel: 'Read the response',
      actionPath: `/vendors/${vendor?.slug ?? idOf(review.vendor)}#review-${reviewId}`,
    })
    return response
  })
}

const readOwnResponse = async (req: PayloadRequest, id: number, user: User) => {
  const response = (await findVisible(
    req,
    'review-responses',
    id,
    'Response not found.',
  )) as ReviewResponse
  if (idOf(response.vendorOwner) !== user.id && !checkRole(['admin'], user))
    throw new MarketplaceError(
      403,
      'FORBIDDEN',
      'Only the vendor who wrote this response can change it.',
    )
  return response
}

export const editResponse = async (req: PayloadRequest, id: number, input: ReviewInput) => {
  const user = signedIn(req)
  onlyFields(input, ['text'])
  const text = plainText(input.text ?? '', 'text')!
  const response = await readOwnResponse(req, id, user)
  withinWindow(response.createdAt, 'A response')
  return req.payload.update({
    collection: 'review-responses',
    id,
    data: { text, editedAt: new Date().toISOString() },
    depth: 0,
    user,
    overrideAccess: false,
    context: trustContext,
    req,
  })
}

export const deleteResponse = async (req: PayloadRequest, id: number) => {
  const user = signedIn(req)
  await readOwnResponse(req, id, user)
  // System delete: collection delete is admin-only, and the ownership was checked above.
  await req.payload.delete({ collection: 'review-responses', id, overrideAccess: true, req })
  return { id, deleted: true }
}

/** `GET /api/reviews/vendor/:id`: the vendor's rating and figures, and a page of their reviews. */
export const vendorReviews = async (
  req: PayloadRequest,
  vendorId: number,
  paging: { page?: number; limit?: number } = {},
) => {
  const vendor = await findVisible(req, 'vendors', vendorId, 'Vendor not found.')
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
    collection: 'reviews',
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
        collection: 'review-responses',
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
