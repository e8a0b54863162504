import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { isStaffUser } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { CancelBooking } from '@/components/bookings/CancelBooking'
import { ActionButton } from '@/components/jobs/ActionButton'
import { capitalised, formatNzDate, placeLabel } from '@/components/jobs/format'
import { StatusPill } from '@/components/jobs/StatusPill'
import { LiveRefresh } from '@/components/messaging/LiveRefresh'
import { LIVE_PAGE_EVENTS } from '@/components/messaging/liveEvents'
import { MessageButton } from '@/components/messaging/MessageButton'
import { parseSerialId } from '@/lib/kit/ids'
import { formatCents } from '@/lib/kit/money'
import { CANCEL_REASON_LENGTH } from '@/lib/marketplace/bookings'
import { bookingState, type BookingState } from '@/lib/marketplace/bookingState'
import { nzDayIsAhead } from '@/lib/marketplace/dates'
import { realtimeClientConfig } from '@/lib/messaging/queries'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import type { Job, Vendor } from '@/payload-types'

export const metadata: Metadata = { title: 'Booking' }

type Props = { params: Promise<{ id: string }> }

/** One booking, for either side: what, when, where, how much, and a way to talk to the other. */
export default async function BookingPage({ params }: Props) {
  const { id } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/login?next=/bookings/${encodeURIComponent(id)}`)
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
  // Someone else's booking is not found, as for any document the person may not read.
  if (!booking) notFound()
  const job = booking.job as Job
  const vendor = booking.vendor as Vendor
  const asVendor = user.role === 'vendor'
  const state = bookingState(booking, asVendor ? 'vendor' : 'organizer')
  const otherSide = asVendor ? 'the organizer' : vendor.businessName
  const party = !isStaffUser(user)
  const eventAhead = nzDayIsAhead(booking.eventDate)
  // After a cancellation the organizer may open the job again while the event is still ahead.
  const canReopen = !asVendor && party && job.status === 'filled' && eventAhead
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <p className="text-sm">
        <Link href="/bookings">← Bookings</Link>
      </p>
      <LiveRefresh
        userId={user.id}
        realtime={await realtimeClientConfig()}
        events={LIVE_PAGE_EVENTS.bookings}
        announce={{
          page: 'bookings',
          items: [{ id: booking.id, name: `“${job.title}”`, status: booking.status }],
        }}
      />
      <div className="card flex flex-col gap-2 p-5" data-testid="booking">
        <div className="flex items-center justify-between gap-2">
          <StatusPill status={booking.status} />
          <span className="font-semibold">{formatCents(booking.totalCents)} incl. GST</span>
        </div>
        <h1 className="text-2xl font-bold">{job.title}</h1>
        <p className="text-gray-700">
          {formatNzDate(booking.eventDate)} ·{' '}
          {[job.location?.address, placeLabel(job.location)].filter(Boolean).join(', ')}
        </p>
        {!asVendor && (
          <p>
            with{' '}
            {vendor.slug ? (
              <Link href={`/vendors/${vendor.slug}`}>{vendor.businessName}</Link>
            ) : (
              vendor.businessName
            )}
          </p>
        )}
        <BookingNews state={state} otherSide={otherSide} asVendor={asVendor} asStaff={!party} />
        {party && (state.canMarkDone || state.canCancel) && (
          <div className="mt-2 flex flex-wrap items-start gap-3" data-testid="booking-actions">
            {state.canMarkDone && (
              <ActionButton
                action={`/api/bookings/${booking.id}/complete`}
                label="Mark as done"
                variant="primary"
                confirm={{
                  title: 'Did the event go ahead as agreed?',
                  text: state.theirMark
                    ? `${capitalised(otherSide)} has marked it done too, so the booking completes now.`
                    : `The booking completes when ${otherSide} marks it done as well, or by itself the day after the event.`,
                  confirmLabel: 'Mark as done',
                }}
                success="You marked the booking done."
              />
            )}
            {state.canCancel && (
              <CancelBooking
                bookingId={booking.id}
                otherSide={otherSide}
                canReopen={!asVendor && eventAhead}
                reasonLength={CANCEL_REASON_LENGTH}
              />
            )}
          </div>
        )}
        {booking.status === 'cancelled' && canReopen && (
          <div className="mt-2 self-start">
            <ActionButton
              action={`/api/jobs/${job.id}/reopen`}
              label="Reopen the job for quotes"
              success="Your job is taking quotes again."
              then={`/my-jobs/${job.id}`}
            />
          </div>
        )}
        {state.reviewable && !asVendor && party && (
          <Link href={`/bookings/${booking.id}/review`} className="btn mt-2 self-start">
            Review {vendor.businessName}
          </Link>
        )}
        <div className="mt-2 flex flex-wrap gap-3">
          {asVendor ? (
            <MessageButton jobId={job.id} label="Message the organizer" />
          ) : (
            <MessageButton vendorId={vendor.id} label={`Message ${vendor.businessName}`} />
          )}
          <Link
            href={asVendor ? `/jobs/${job.id}` : `/my-jobs/${job.id}`}
            className="btn-secondary"
          >
            {asVendor ? 'See the job' : 'See the quotes'}
          </Link>
        </div>
      </div>
      {booking.history && booking.history.length > 0 && (
        <section className="card p-5" aria-labelledby="booking-history">
          <h2 id="booking-history" className="font-semibold">
            History
          </h2>
          <ol className="mt-2 flex flex-col gap-2 text-sm" data-testid="booking-history">
            {booking.history.map((step) => (
              <li key={step.id ?? step.at}>
                <time dateTime={step.at} className="text-gray-600">
                  {formatNzDate(step.at)}
                </time>{' '}
                {HISTORY_WORDS[step.to] ?? step.to}
                {step.note ? `: ${step.note}` : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  )
}

const HISTORY_WORDS: Record<string, string> = {
  confirmed: 'Booked',
  completed: 'Completed',
  cancelled: 'Cancelled',
}

const WHO_CANCELLED = { organizer: 'the organizer', vendor: 'the vendor', staff: 'Event Pros NZ' }

/** Where the booking stands, in a sentence or two for this side. */
function BookingNews({
  state,
  otherSide,
  asVendor,
  asStaff = false,
}: {
  state: BookingState
  otherSide: string
  asVendor: boolean
  /** Staff are neither side: each mark is named by whose it is. */
  asStaff?: boolean
}) {
  const lines: string[] = []
  if (asStaff) {
    if (state.cancelled)
      lines.push(
        `Cancelled by ${WHO_CANCELLED[state.cancelled.by]} on ${formatNzDate(state.cancelled.at)}: “${state.cancelled.reason}”`,
      )
    else if (state.completedAt) lines.push(`Completed on ${formatNzDate(state.completedAt)}.`)
    else {
      if (state.myMark) lines.push(`The organizer marked it done on ${formatNzDate(state.myMark)}.`)
      if (state.theirMark)
        lines.push(`The vendor marked it done on ${formatNzDate(state.theirMark)}.`)
    }
  } else if (state.cancelled) {
    const mine = state.cancelled.by === (asVendor ? 'vendor' : 'organizer')
    lines.push(
      `Cancelled by ${mine ? 'you' : WHO_CANCELLED[state.cancelled.by]} on ${formatNzDate(state.cancelled.at)}. The reason given: “${state.cancelled.reason}”`,
    )
  } else if (state.completedAt) {
    lines.push(`Completed on ${formatNzDate(state.completedAt)}.`)
  } else {
    if (state.myMark) lines.push(`You marked it done on ${formatNzDate(state.myMark)}.`)
    if (state.theirMark)
      lines.push(`${capitalised(otherSide)} marked it done on ${formatNzDate(state.theirMark)}.`)
    if (state.myMark && !state.theirMark)
      lines.push(`It completes when ${otherSide} does too, or by itself the day after the event.`)
  }
  if (lines.length === 0) return null
  return (
    <p className="text-sm text-gray-700" data-testid="booking-news">
      {lines.join(' ')}
    </p>
  )
}
