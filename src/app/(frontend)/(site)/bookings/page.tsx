import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { formatNzDate, placeLabel } from '@/components/jobs/format'
import { StatusPill } from '@/components/jobs/StatusPill'
import { LiveRefresh } from '@/components/messaging/LiveRefresh'
import { LIVE_PAGE_EVENTS } from '@/components/messaging/liveEvents'
import { MessageButton } from '@/components/messaging/MessageButton'
import { formatCents } from '@/lib/kit/money'
import { bookingState } from '@/lib/marketplace/bookingState'
import { bookingsOf } from '@/lib/marketplace/queries'
import { realtimeClientConfig } from '@/lib/messaging/queries'
import { getCurrentUser } from '@/lib/payload'
import { reviewsOfBookings } from '@/lib/trust/queries'
import type { Job, Review, Vendor } from '@/payload-types'

function ReviewPrompt({
  bookingId,
  review,
  vendorName,
}: {
  bookingId: number
  review?: Review
  vendorName: string
}) {
  if (!review)
    return (
      <Link
        href={`/bookings/${bookingId}/review`}
        className="btn mt-2 self-start"
        data-testid="write-review"
      >
        Review {vendorName}
      </Link>
    )
  return (
    <p className="mt-1 text-sm text-gray-700">
      {REVIEW_STATE[review.status]}{' '}
      <Link href={`/bookings/${bookingId}/review`}>See your review</Link>
    </p>
  )
}

export const metadata: Metadata = { title: 'Bookings' }

type Props = { searchParams: Promise<{ reviewed?: string }> }

const REVIEW_STATE: Record<Review['status'], string> = {
  pending: 'Your review is being checked: it goes live within 48 hours.',
  published: 'Your review is live.',
  rejected: 'Your review was not published.',
  hidden: 'Your review was taken down by a moderator.',
}

/** Both sides' bookings: the organizer sees whom they booked, the vendor which job they won. */
export default async function BookingsPage({ searchParams }: Props) {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/bookings')
  const bookings = await bookingsOf(user)
  const asVendor = user.role === 'vendor'
  const reviews = asVendor
    ? new Map<number, Review>()
    : await reviewsOfBookings(
        user,
        bookings.map((b) => b.id),
      )
  const justReviewed = Number((await searchParams).reviewed)
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Bookings</h1>
      <LiveRefresh
        userId={user.id}
        realtime={await realtimeClientConfig()}
        events={LIVE_PAGE_EVENTS.bookings}
        announce={{
          page: 'bookings',
          items: bookings.map((booking) => ({
            id: booking.id,
            name: asVendor
              ? `“${(booking.job as Job).title}”`
              : `${(booking.vendor as Vendor).businessName}, “${(booking.job as Job).title}”`,
            status: booking.status,
          })),
        }}
      />
      {justReviewed > 0 && (
        <p
          role="status"
          className="rounded-lg border border-green-200 bg-green-50 p-3 text-sm text-green-800"
        >
          Thank you for your review. It is checked and goes live within 48 hours.
        </p>
      )}
      {bookings.length === 0 ? (
        <p className="card p-5">
          No bookings yet.{' '}
          {asVendor ? (
            <Link href="/jobs">Find jobs to quote on.</Link>
          ) : (
            <Link href="/my-jobs">Compare the quotes on your jobs.</Link>
          )}
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {bookings.map((booking) => {
            const job = booking.job as Job
            const vendor = booking.vendor as Vendor
            const state = bookingState(booking, asVendor ? 'vendor' : 'organizer')
            return (
              <li
                key={booking.id}
                id={`booking-${booking.id}`}
                className="card flex scroll-mt-20 flex-col gap-1 p-4"
                data-testid="booking"
              >
                <div className="flex items-center justify-between">
                  <StatusPill status={booking.status} />
                  <span className="font-semibold">{formatCents(booking.totalCents)} incl. GST</span>
                </div>
                <h2 className="font-semibold">
                  <Link href={`/bookings/${booking.id}`}>{job.title}</Link>
                </h2>
                <p className="text-sm text-gray-600">
                  {formatNzDate(booking.eventDate)} ·{' '}
                  {[job.location?.address, placeLabel(job.location)].filter(Boolean).join(', ')}
                </p>
                {!asVendor && (
                  <p className="text-sm">
                    with{' '}
                    {vendor.slug ? (
                      <Link href={`/vendors/${vendor.slug}`}>{vendor.businessName}</Link>
                    ) : (
                      vendor.businessName
                    )}
                  </p>
                )}
                {!asVendor && state.reviewable && (
                  <ReviewPrompt
                    bookingId={booking.id}
                    review={reviews.get(booking.id)}
                    vendorName={vendor.businessName}
                  />
                )}
                {state.canMarkDone && (
                  <p className="text-sm">
                    The event day is here.{' '}
                    <Link href={`/bookings/${booking.id}`}>Mark it done</Link>
                  </p>
                )}
                {state.cancelled && (
                  <p className="text-sm text-gray-700">Cancelled: “{state.cancelled.reason}”</p>
                )}
                <div className="mt-2 self-start">
                  {asVendor ? (
                    <MessageButton jobId={job.id} label="Message the organizer" />
                  ) : (
                    <MessageButton vendorId={vendor.id} label={`Message ${vendor.businessName}`} />
                  )}
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
