import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { DeclineInvitation } from '@/components/invitations/DeclineInvitation'
import { InvitationSeen } from '@/components/invitations/InvitationSeen'
import { ActionButton } from '@/components/jobs/ActionButton'
import { formatNzDate } from '@/components/jobs/format'
import { JobSummary } from '@/components/jobs/JobSummary'
import { QuoteBuilder } from '@/components/jobs/QuoteBuilder'
import { StatusPill } from '@/components/jobs/StatusPill'
import { LiveRefresh } from '@/components/messaging/LiveRefresh'
import { LIVE_PAGE_EVENTS } from '@/components/messaging/liveEvents'
import { MessageButton } from '@/components/messaging/MessageButton'
import { ActionStatus } from '@/components/ui/ActionStatus'
import { idOf } from '@/lib/kit/ids'
import { formatCents } from '@/lib/kit/money'
import { outsideServicesWarning, vendorScope } from '@/lib/marketplace/jobBoard'
import { declineReasonLabel, jobById, myInvitationTo, myQuoteOn } from '@/lib/marketplace/queries'
import type { Invitation } from '@/payload-types'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { vendorOwnedBy } from '@/lib/queries'
import { realtimeClientConfig } from '@/lib/messaging/queries'

export const metadata: Metadata = { title: 'Job' }

type Props = { params: Promise<{ id: string }> }

export default async function JobPage({ params }: Props) {
  const { id } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/login?next=/jobs/${id}`)
  const job = await jobById(Number(id), user)
  if (!job) notFound()
  const organizerId = typeof job.organizer === 'object' ? job.organizer?.id : job.organizer
  if (organizerId === user.id) redirect(`/my-jobs/${job.id}`)
  const isVendor = user.role === 'vendor'
  const [quote, vendor, scope, invitation] = isVendor
    ? await Promise.all([
        myQuoteOn(job.id, user),
        vendorOwnedBy(user),
        vendorScope(await getPayloadClient(), user),
        myInvitationTo(job.id, user),
      ])
    : [null, null, null, null]
  const jobCategories = (job.categories ?? []).flatMap((category) =>
    typeof category === 'object' && category
      ? [{ id: category.id, name: category.name, parent: idOf(category.parent) }]
      : [],
  )
  const open =
    job.status === 'published' &&
    (!job.applicationDeadline || new Date(job.applicationDeadline) > new Date())
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <p className="text-sm">
        <Link href="/jobs">← Job board</Link>
      </p>
      {isVendor && (
        <LiveRefresh
          userId={user.id}
          realtime={await realtimeClientConfig()}
          events={LIVE_PAGE_EVENTS.vendorQuotes}
          announce={{
            page: 'vendorQuotes',
            items: quote ? [{ id: quote.id, name: job.title, status: quote.status }] : [],
          }}
        />
      )}
      <ActionStatus />
      {invitation && <InvitationNotice invitation={invitation} jobTitle={job.title} open={open} />}
      <JobSummary job={job} />
      {quote ? (
        <section className="card flex flex-col gap-3 p-5" aria-labelledby="my-quote-heading">
          <div className="flex items-center justify-between gap-2">
            <h2 id="my-quote-heading" className="text-lg font-semibold">
              Your quote
            </h2>
            <StatusPill status={quote.status} />
          </div>
          <p>
            <span className="text-xl font-bold">{formatCents(quote.totalCents)}</span> incl. GST (
            {formatCents(quote.subtotalCents)} + GST {formatCents(quote.gstCents)}), valid until{' '}
            {formatNzDate(quote.validUntil)}
          </p>
          <p className="whitespace-pre-line text-sm">{quote.message}</p>
          {(quote.status === 'submitted' || quote.status === 'shortlisted') && (
            <div className="self-start">
              <ActionButton
                action={`/api/applications/${quote.id}/withdraw`}
                label="Withdraw quote"
                variant="danger"
                confirm="Withdraw your quote? You cannot quote on this job again."
                success={`You withdrew your quote for “${job.title}”.`}
              />
            </div>
          )}
          <div className="self-start">
            <MessageButton jobId={job.id} label="Message the organizer" />
          </div>
          {quote.status === 'accepted' && (
            <Link href="/bookings" className="btn self-start">
              See the booking
            </Link>
          )}
        </section>
      ) : isVendor && !vendor ? (
        <p className="card p-5">
          <Link href="/account/vendor-profile">Create your vendor profile</Link> to send quotes.
        </p>
      ) : isVendor && open ? (
        <QuoteBuilder
          jobId={job.id}
          outsideServices={outsideServicesWarning(jobCategories, scope)}
        />
      ) : isVendor ? (
        <p className="card p-5">This job is not taking quotes any more.</p>
      ) : null}
    </div>
  )
}

/** What the organizer's request to this vendor says, and what the vendor did with it. */
function InvitationNotice({
  invitation,
  jobTitle,
  open,
}: {
  invitation: Invitation
  jobTitle: string
  /** Whether the job still takes quotes (its deadline may pass with the invitation waiting). */
  open: boolean
}) {
  if (invitation.status !== 'sent' || !open) {
    return (
      <p className="card p-4 text-sm" data-testid="invitation">
        {invitation.status === 'quoted'
          ? 'The organizer invited you to quote, and you did.'
          : invitation.status === 'declined'
            ? `You declined the organizer’s invitation: ${declineReasonLabel(invitation).toLowerCase()}.`
            : invitation.status === 'withdrawn'
              ? 'The organizer’s invitation was withdrawn: the job closed or another vendor was booked.'
              : 'The organizer invited you to quote, but quotes on this job have closed.'}
      </p>
    )
  }
  return (
    <section
      className="card flex flex-col gap-3 border-brand-200 bg-brand-50 p-5"
      aria-labelledby="invitation-heading"
      data-testid="invitation"
    >
      {!invitation.seenAt && <InvitationSeen invitationId={invitation.id} />}
      <h2 id="invitation-heading" className="text-lg font-semibold">
        You’re invited to quote
      </h2>
      <p className="text-sm">
        The organizer asked you for a quote on {formatNzDate(invitation.createdAt)}. Answer within
        24 hours to keep your response rate up: send your quote below (an invited vendor can quote
        even when the job has all its public quotes), or say you can’t.
      </p>
      {invitation.message && (
        <blockquote className="whitespace-pre-line border-l-4 border-brand-300 pl-3 text-sm">
          {invitation.message}
        </blockquote>
      )}
      <div className="self-start">
        <DeclineInvitation invitationId={invitation.id} jobTitle={jobTitle} />
      </div>
    </section>
  )
}
