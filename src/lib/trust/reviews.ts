import type { PayloadRequest } from 'payload'

import { checkRole } from '@/access/roles'
import { writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { RATING_DIMENSIONS, type RatingDimension } from '@/lib/constants'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { inTransaction } from '@/lib/kit/transaction'
import { nzDayIsAhead, nzLongDate } from '@/lib/marketplace/dates'
import type { Booking, Job, Review, User, Vendor } from '@/payload-types'
import { consumeLimit, refuseIfSpent } from '@/plugins/rateLimits'

import { recordAudit } from './audit'
import { reviewFlags } from './checks'
import { onlyFields, plainText } from './input'
import { recomputeVendorRating } from './ratings'
import {
  AUTO_PUBLISH_AFTER_MS,
  EDIT_WINDOW_MS,
  MAX_REPORT_REASON,
  MAX_REVIEW_PHOTOS,
} from './rules'

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
    collection: slugs.media,
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

export const readReview = (req: PayloadRequest, id: number): Promise<Review> =>
  findVisible(req, slugs.reviews, id, 'Review not found.')

/**
 * A review written by the caller (its author or a reporter) with their own access: the trust
 * context lets the write through once this service's checks have passed.
 */
const updateReviewAsCaller = (req: PayloadRequest, id: number, data: Partial<Review>) =>
  req.payload.update({
    collection: slugs.reviews,
    id,
    data,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    context: writingAs('trust'),
    req,
  }) as Promise<Review>

/** System read: the vendor's name and page for an email, whoever the email is about. */
export const vendorForEmail = async (req: PayloadRequest, vendorId: number) => {
  const vendor = await req.payload.findByID({
    collection: slugs.vendors,
    id: vendorId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  return vendor as Vendor | null
}

export type ReviewInput = Record<string, unknown>

/** Reviews an hour per person (the rate-limit table): refused before, counted once written. */
const reviewsKey = (user: User) => [`user:${user.id}`]

/**
 * An organizer reviews the vendor of one of their bookings, after the event and once. The
 * review waits as `pending`: a moderator publishes it, or it goes live after 48 hours if the
 * automatic checks found nothing and nobody reported it.
 */
export const writeReview = async (req: PayloadRequest, input: ReviewInput): Promise<Review> => {
  const user = signedIn(req)
  onlyFields(input, ['booking', 'ratings', 'text', 'photos'])
  if (!checkRole(['organizer'], user)) {
    throw new RequestError(
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
      slugs.bookings,
      bookingId,
      'Booking not found.',
      1,
    )) as Booking
    if (idOf(booking.organizer) !== user.id)
      throw new RequestError(404, 'NOT_FOUND', 'Booking not found.')
    if (idOf(booking.vendorOwner) === user.id)
      throw new RequestError(403, 'FORBIDDEN', 'You cannot review your own business.')
    if (booking.status === 'cancelled')
      throw new RequestError(
        409,
        'BOOKING_CANCELLED',
        'This booking was cancelled, so it cannot be reviewed.',
      )
    // A review opens once the booking completes: both sides marked it done, or its day ended.
    if (booking.status !== 'completed') {
      throw new RequestError(
        409,
        'EVENT_NOT_HELD',
        nzDayIsAhead(booking.eventDate)
          ? `You can review this vendor after your event on ${nzLongDate(booking.eventDate)}.`
          : 'You can review this vendor once the booking is complete: mark it done, or it completes by itself the day after the event.',
      )
    }
    // System count: one review per booking, whoever can see the other.
    const existing = await req.payload.count({
      collection: slugs.reviews,
      where: { booking: { equals: booking.id } },
      overrideAccess: true,
      req,
    })
    if (existing.totalDocs > 0)
      throw new RequestError(
        409,
        'ALREADY_REVIEWED',
        'You have already reviewed this booking; edit that review instead.',
      )
    const photos = await ownPhotos(req, input.photos)
    const job = typeof booking.job === 'object' ? (booking.job as Job) : null
    const review = (await req.payload.create({
      collection: slugs.reviews,
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
      context: writingAs('trust'),
      req,
    })) as Review
    await consumeLimit(req.payload, 'reviews', reviewsKey(user))
    return review
  })
}

/** Refuses a change to a review or response older than the 30-day edit window. */
export const withinWindow = (since: string, what: string) => {
  if (Date.now() - new Date(since).getTime() > EDIT_WINDOW_MS)
    throw new RequestError(409, 'EDIT_WINDOW_CLOSED', `${what} can be changed for 30 days only.`)
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
      throw new RequestError(
        403,
        'FORBIDDEN',
        'Only the person who wrote this review can change it.',
      )
    if (review.status === 'rejected' || review.status === 'hidden')
      throw new RequestError(
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
      throw new RequestError(
        403,
        'FORBIDDEN',
        'Only the person who wrote this review can delete it.',
      )
    // System deletes: the response is the vendor's, but it answers a review that is gone.
    await req.payload.delete({
      collection: slugs.reviewResponses,
      where: { review: { equals: id } },
      overrideAccess: true,
      req,
    })
    await req.payload.delete({ collection: slugs.reviews, id, overrideAccess: true, req })
    if (!isAuthor)
      await recordAudit(req, {
        action: 'review.delete',
        targetCollection: slugs.reviews,
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
      throw new RequestError(409, 'OWN_REVIEW', 'You cannot report your own review.')
    // System read: the reports are for moderators' eyes; we only check this person's.
    const full = (await req.payload.findByID({
      collection: slugs.reviews,
      id,
      depth: 0,
      overrideAccess: true,
      req,
    })) as Review
    const reports = full.reports ?? []
    if (reports.some((report) => idOf(report.by) === user.id))
      throw new RequestError(
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
