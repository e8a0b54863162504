import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { formatNzDate, placeLabel } from '@/components/jobs/format'
import { StatusPill } from '@/components/jobs/StatusPill'
import { MessageButton } from '@/components/messaging/MessageButton'
import { formatCents } from '@/lib/marketplace/money'
import { bookingsOf } from '@/lib/marketplace/queries'
import { getCurrentUser } from '@/lib/payload'
import type { Job, Vendor } from '@/payload-types'

export const metadata: Metadata = { title: 'Bookings' }

/** Both sides' bookings: the organizer sees whom they booked, the vendor which job they won. */
export default async function BookingsPage() {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/bookings')
  const bookings = await bookingsOf(user)
  const asVendor = user.role === 'vendor'
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Bookings</h1>
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
            return (
              <li key={booking.id} className="card flex flex-col gap-1 p-4" data-testid="booking">
                <div className="flex items-center justify-between">
                  <StatusPill status={booking.status} />
                  <span className="font-semibold">{formatCents(booking.totalCents)} incl. GST</span>
                </div>
                <h2 className="font-semibold">
                  <Link href={asVendor ? `/jobs/${job.id}` : `/my-jobs/${job.id}`}>
                    {job.title}
                  </Link>
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
