import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { FormMessage } from '@/components/forms/FormMessage'
import { ActionButton } from '@/components/jobs/ActionButton'
import { JobSummary } from '@/components/jobs/JobSummary'
import { formatNzDate } from '@/components/jobs/format'
import { QuoteComparison } from '@/components/jobs/QuoteComparison'
import { LiveRefresh } from '@/components/messaging/LiveRefresh'
import { LIVE_PAGE_EVENTS } from '@/components/messaging/liveEvents'
import { ActionStatus } from '@/components/ui/ActionStatus'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import {
  bookingsOf,
  declineReasonLabel,
  invitationsOnJob,
  quotesToCompare,
} from '@/lib/marketplace/queries'
import { realtimeClientConfig } from '@/lib/messaging/queries'
import { getCurrentUser } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'
import type { Invitation, Vendor } from '@/payload-types'

export const metadata: Metadata = { title: 'Your job and its quotes' }

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export default async function MyJobPage({ params, searchParams }: Props) {
  const { id } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/login?next=/my-jobs/${id}`)
  const query = await searchParams
  const notice = firstParam(query.notice)
  const bookedQuoteId = Number(firstParam(query.booked))
  const [compared, invitations] = await Promise.all([
    quotesToCompare(Number(id), user).catch((error: unknown) => {
      if (error instanceof RequestError && error.status < 500) return null
      throw error
    }),
    // Read as the organizer: another's job has none they may see.
    Number.isSafeInteger(Number(id)) ? invitationsOnJob(Number(id), user) : [],
  ])
  if (!compared) notFound()
  const { job, quotes } = compared
  const booked = quotes.find((quote) => quote.status === 'accepted')
  const booking =
    job.status === 'filled'
      ? (await bookingsOf(user)).find((b) => idOf(b.job) === job.id)
      : undefined
  const justBooked = booked && booked.id === bookedQuoteId
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/my-jobs">← My jobs</Link>
      </p>
      <FormMessage error={notice || null} />
      <LiveRefresh
        userId={user.id}
        realtime={await realtimeClientConfig()}
        events={LIVE_PAGE_EVENTS.jobQuotes}
        announce={{
          page: 'jobQuotes',
          items: quotes.map((q) => ({ id: q.id, name: q.vendor.businessName, status: q.status })),
        }}
      />
      {justBooked && (
        <div
          role="status"
          className="rounded-lg border border-green-200 bg-green-50 p-4 text-green-900"
          data-testid="booked-message"
        >
          <p className="font-semibold">
            You booked {booked.vendor.businessName} for {formatNzDate(job.eventDate)}. We&apos;ve
            emailed you both.
          </p>
          <p className="mt-1 text-sm">
            <Link href={booking ? `/bookings/${booking.id}` : '/bookings'}>See the booking</Link>
          </p>
        </div>
      )}
      <ActionStatus />
      <JobSummary job={job} />
      <div className="flex flex-wrap gap-3">
        {job.status === 'draft' && (
          <ActionButton
            action={`/api/jobs/${job.id}/publish`}
            label="Publish job"
            busyLabel="Publishing…"
            variant="primary"
          />
        )}
        {(job.status === 'draft' || job.status === 'published') && (
          <ActionButton
            action={`/api/jobs/${job.id}/close`}
            label="Close job"
            confirm={{
              title: 'Close this job?',
              text: 'Vendors can no longer quote, and it cannot be reopened.',
              confirmLabel: 'Close job',
            }}
            success="Your job is closed. Vendors can no longer quote on it."
          />
        )}
        {job.status === 'filled' && !justBooked && (
          <Link href={booking ? `/bookings/${booking.id}` : '/bookings'} className="btn">
            See the booking
          </Link>
        )}
      </div>
      {invitations.length > 0 && <InvitationsSent invitations={invitations} />}
      <section className="flex flex-col gap-3" aria-labelledby="quotes-heading">
        <h2 id="quotes-heading" className="text-xl font-semibold">
          Quotes <span className="text-base font-normal text-gray-600">({quotes.length})</span>
        </h2>
        <QuoteComparison jobId={job.id} quotes={quotes} jobOpen={job.status === 'published'} />
      </section>
    </div>
  )
}

/** Where each request stands, as the organizer reads it. */
const invitationState = (invitation: Invitation): string => {
  switch (invitation.status) {
    case 'quoted':
      return 'Quoted: see below'
    case 'declined':
      return `Can’t quote: ${declineReasonLabel(invitation).toLowerCase()}`
    case 'withdrawn':
      return 'Withdrawn'
    default:
      return invitation.seenAt ? `Seen ${formatNzDate(invitation.seenAt)}` : 'Not opened yet'
  }
}

/** The vendors the organizer asked to quote on this job, and what each has done. */
function InvitationsSent({ invitations }: { invitations: Invitation[] }) {
  return (
    <section className="flex flex-col gap-3" aria-labelledby="invited-heading">
      <h2 id="invited-heading" className="text-xl font-semibold">
        Vendors you asked{' '}
        <span className="text-base font-normal text-gray-600">({invitations.length})</span>
      </h2>
      <ul className="card flex flex-col divide-y divide-gray-100 p-0">
        {invitations.map((invitation) => {
          const vendor =
            typeof invitation.vendor === 'object' ? (invitation.vendor as Vendor) : null
          return (
            <li
              key={invitation.id}
              className="flex flex-col gap-1 p-4 sm:flex-row sm:items-center sm:justify-between"
              data-testid="invitation-sent"
            >
              <div className="flex flex-col">
                {vendor ? (
                  <Link href={`/vendors/${vendor.slug}`} className="font-semibold">
                    {vendor.businessName}
                  </Link>
                ) : (
                  <span className="font-semibold">A vendor no longer on the site</span>
                )}
                <span className="text-xs text-gray-600">
                  Asked {formatNzDate(invitation.createdAt)}
                </span>
              </div>
              <div className="flex flex-col text-sm sm:items-end">
                <span data-testid="invitation-state">{invitationState(invitation)}</span>
                {invitation.status === 'declined' && invitation.declineNote && (
                  <span className="whitespace-pre-line text-gray-700">
                    “{invitation.declineNote}”
                  </span>
                )}
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
