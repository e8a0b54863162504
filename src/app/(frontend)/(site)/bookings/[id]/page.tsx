import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { slugs } from '@/collections/slugs'
import { formatNzDate, placeLabel } from '@/components/jobs/format'
import { StatusPill } from '@/components/jobs/StatusPill'
import { LiveRefresh } from '@/components/messaging/LiveRefresh'
import { LIVE_PAGE_EVENTS } from '@/components/messaging/liveEvents'
import { MessageButton } from '@/components/messaging/MessageButton'
import { formatCents } from '@/lib/kit/money'
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
  const bookingId = Number(id)
  if (!Number.isInteger(bookingId) || bookingId < 1) notFound()
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
    </div>
  )
}
