import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { slugs } from '@/collections/slugs'
import { formatNzDate } from '@/components/jobs/format'
import { ReviewForm } from '@/components/reviews/ReviewForm'
import type { RatingDimension } from '@/lib/constants'
import { parseSerialId } from '@/lib/kit/ids'
import { bookingState } from '@/lib/marketplace/bookingState'
import { nzDayIsAhead } from '@/lib/marketplace/dates'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { reviewsOfBookings } from '@/lib/trust/queries'
import { EDIT_WINDOW_MS } from '@/lib/trust/rules'
import type { Job, Vendor } from '@/payload-types'

export const metadata: Metadata = { title: 'Review your vendor' }

type Props = { params: Promise<{ id: string }> }

/** An organizer reviews the vendor of one of their bookings, once the event has been held. */
export default async function ReviewBookingPage({ params }: Props) {
  const { id } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/login?next=/bookings/${encodeURIComponent(id)}/review`)
  const bookingId = parseSerialId(id)
  if (bookingId === null) notFound()
  const payload = await getPayloadClient()
  const booking = await payload.findByID({
    collection: slugs.bookings,
    id: bookingId,
    depth: 1,
    user,
    overrideAccess: false,
    disableErrors: true,
  })
  if (!booking || user.role !== 'organizer') notFound()
  const vendor = booking.vendor as Vendor
  const job = booking.job as Job
  const existing = (await reviewsOfBookings(user, [booking.id])).get(booking.id)
  const { reviewable } = bookingState(booking, 'organizer')
  const editable =
    existing &&
    (existing.status === 'pending' || existing.status === 'published') &&
    Date.now() - new Date(existing.createdAt).getTime() < EDIT_WINDOW_MS
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <p className="text-sm">
        <Link href="/bookings">← Bookings</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {existing ? 'Your review of' : 'Review'} {vendor.businessName}
      </h1>
      <p className="text-gray-600">
        {job.title} · {formatNzDate(booking.eventDate)}
      </p>
      {!reviewable && !existing ? (
        <p className="card p-5">
          {booking.status === 'cancelled'
            ? 'This booking was cancelled, so it cannot be reviewed.'
            : nzDayIsAhead(booking.eventDate)
              ? `You can review ${vendor.businessName} after your event on ${formatNzDate(booking.eventDate)}.`
              : 'You can review this vendor once the booking is complete: mark it done on the booking, or it completes by itself the day after the event.'}
        </p>
      ) : existing && !editable ? (
        <p className="card p-5">
          Your review is {existing.status === 'published' ? 'live' : existing.status}
          {existing.status === 'published' && ' and can no longer be edited (30 days have passed)'}.
          {existing.moderationNote && ` The moderator said: ${existing.moderationNote}`}
        </p>
      ) : (
        <ReviewForm
          bookingId={booking.id}
          vendorName={vendor.businessName}
          existing={
            existing
              ? {
                  id: existing.id,
                  ratings: existing.ratings as Record<RatingDimension, number>,
                  text: existing.text,
                }
              : undefined
          }
        />
      )}
    </div>
  )
}
