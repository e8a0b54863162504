import { createLocalReq } from 'payload'

import { slugs } from '@/collections/slugs'
import { getPayloadClient } from '@/lib/payload'
import type { Review, User } from '@/payload-types'

import { publishedReviews } from './reviewReads'

/** A vendor's published reviews for their page (which has the vendor), with the visitor's access. */
export const reviewsForVendorPage = async (vendorId: number, user: User | null, page = 1) => {
  const payload = await getPayloadClient()
  const req = await createLocalReq(
    user ? { user: { ...user, collection: slugs.users } } : {},
    payload,
  )
  return publishedReviews(req, vendorId, { page, limit: 10 })
}

/** The visitor's own reviews of these bookings, by booking id. */
export const reviewsOfBookings = async (user: User, bookingIds: number[]) => {
  if (!bookingIds.length) return new Map<number, Review>()
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.reviews,
    where: { and: [{ booking: { in: bookingIds } }, { organizer: { equals: user.id } }] },
    limit: bookingIds.length,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return new Map(docs.map((review) => [review.booking as number, review]))
}
