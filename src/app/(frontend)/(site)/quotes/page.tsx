import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { formatNzDate, placeLabel } from '@/components/jobs/format'
import { StatusPill } from '@/components/jobs/StatusPill'
import { LiveRefresh } from '@/components/messaging/LiveRefresh'
import { LIVE_PAGE_EVENTS } from '@/components/messaging/liveEvents'
import { formatCents } from '@/lib/kit/money'
import { invitationsOfVendor, quotesOfVendor } from '@/lib/marketplace/queries'
import { realtimeClientConfig } from '@/lib/messaging/queries'
import { getCurrentUser } from '@/lib/payload'
import type { Invitation, Job } from '@/payload-types'

export const metadata: Metadata = { title: 'My quotes' }

export default async function MyQuotesPage() {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/quotes')
  if (user.role !== 'vendor') redirect('/my-jobs')
  const [quotes, { waiting, answered }] = await Promise.all([
    quotesOfVendor(user),
    invitationsOfVendor(user),
  ])
  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">My quotes</h1>
        <Link href="/jobs" className="btn">
          Find jobs
        </Link>
      </header>
      <LiveRefresh
        userId={user.id}
        realtime={await realtimeClientConfig()}
        events={LIVE_PAGE_EVENTS.vendorQuotes}
        announce={{
          page: 'vendorQuotes',
          items: quotes.map((quote) => ({
            id: quote.id,
            name: (quote.job as Job).title,
            status: quote.status,
          })),
        }}
      />
      <section className="flex flex-col gap-3" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="text-xl font-semibold">
          Invitations to quote{' '}
          <span className="text-base font-normal text-gray-600">
            ({waiting.filter((i) => typeof i.job === 'object' && takingQuotes(i.job)).length}{' '}
            waiting)
          </span>
        </h2>
        {waiting.length + answered.length === 0 ? (
          <p className="card p-5 text-sm">
            When an organizer asks you for a quote from your page, it appears here and in your bell.
            Answer within a day to keep your response rate up.
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {[...waiting, ...answered].map((invitation) => (
              <InvitationCard key={invitation.id} invitation={invitation} />
            ))}
          </ul>
        )}
      </section>
      <h2 className="text-xl font-semibold">Quotes you sent</h2>
      {quotes.length === 0 ? (
        <p className="card p-5">
          You have not sent any quotes yet. Find jobs that suit you on the job board.
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {quotes.map((quote) => {
            const job = quote.job as Job
            return (
              <li
                key={quote.id}
                className="card flex flex-col gap-1 p-4"
                data-testid="vendor-quote"
              >
                <div className="flex items-center justify-between">
                  <StatusPill status={quote.status} />
                  <span className="font-semibold">{formatCents(quote.totalCents)}</span>
                </div>
                <h3 className="font-semibold">
                  <Link href={`/jobs/${job.id}`}>{job.title}</Link>
                </h3>
                <p className="text-sm text-gray-600">
                  {formatNzDate(job.eventDate)} · {placeLabel(job.location)}
                </p>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}

const INVITATION_WORDS: Record<Invitation['status'], string> = {
  sent: 'Waiting for your answer',
  quoted: 'You quoted',
  declined: 'You declined',
  withdrawn: 'Withdrawn by the organizer',
}

/** Whether quotes on the job are still taken: a deadline can pass with an invitation waiting. */
const takingQuotes = (job: Job) =>
  job.status === 'published' &&
  (!job.applicationDeadline || new Date(job.applicationDeadline) > new Date())

function InvitationCard({ invitation }: { invitation: Invitation }) {
  const job = typeof invitation.job === 'object' ? invitation.job : null
  const waiting = invitation.status === 'sent' && job !== null && takingQuotes(job)
  return (
    <li
      className={`card flex flex-col gap-1 p-4 ${waiting ? 'border-brand-300 bg-brand-50' : ''}`}
      data-testid="vendor-invitation"
    >
      <span className="text-sm font-medium">
        {invitation.status === 'sent' && !waiting
          ? 'Quotes have closed'
          : INVITATION_WORDS[invitation.status]}
      </span>
      {job ? (
        <>
          <h3 className="font-semibold">
            <Link href={`/jobs/${job.id}`}>{job.title}</Link>
          </h3>
          <p className="text-sm text-gray-600">
            {formatNzDate(job.eventDate)} · {placeLabel(job.location)}
          </p>
        </>
      ) : (
        <p className="text-sm text-gray-700">A job no longer on the site</p>
      )}
      <p className="text-xs text-gray-600">Asked {formatNzDate(invitation.createdAt)}</p>
    </li>
  )
}
