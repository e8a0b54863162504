import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { FormMessage } from '@/components/forms/FormMessage'
import { ActionButton } from '@/components/jobs/ActionButton'
import { JobSummary } from '@/components/jobs/JobSummary'
import { QuoteComparison } from '@/components/jobs/QuoteComparison'
import { RequestError } from '@/lib/kit/errors'
import { quotesToCompare } from '@/lib/marketplace/queries'
import { getCurrentUser } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Your job and its quotes' }

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export default async function MyJobPage({ params, searchParams }: Props) {
  const { id } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/login?next=/my-jobs/${id}`)
  const notice = firstParam((await searchParams).notice)
  const compared = await quotesToCompare(Number(id), user).catch((error: unknown) => {
    if (error instanceof RequestError && error.status < 500) return null
    throw error
  })
  if (!compared) notFound()
  const { job, quotes } = compared
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/my-jobs">← My jobs</Link>
      </p>
      <FormMessage error={notice || null} />
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
            confirm="Close this job? Vendors can no longer quote, and it cannot be reopened."
          />
        )}
        {job.status === 'filled' && (
          <Link href="/bookings" className="btn">
            See the booking
          </Link>
        )}
      </div>
      <section className="flex flex-col gap-3" aria-labelledby="quotes-heading">
        <h2 id="quotes-heading" className="text-xl font-semibold">
          Quotes <span className="text-base font-normal text-gray-600">({quotes.length})</span>
        </h2>
        <QuoteComparison quotes={quotes} jobOpen={job.status === 'published'} />
      </section>
    </div>
  )
}
