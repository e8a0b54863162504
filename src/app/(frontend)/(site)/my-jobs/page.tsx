import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { budgetLabel, formatNzDate, placeLabel } from '@/components/jobs/format'
import { StatusPill } from '@/components/jobs/StatusPill'
import { jobsOfOrganizer } from '@/lib/marketplace/queries'
import { getCurrentUser } from '@/lib/payload'

export const metadata: Metadata = { title: 'My jobs' }

export default async function MyJobsPage() {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/my-jobs')
  if (user.role === 'vendor') redirect('/quotes')
  const jobs = await jobsOfOrganizer(user)
  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">My jobs</h1>
        <Link href="/jobs/new" className="btn">
          Post a job
        </Link>
      </header>
      {jobs.length === 0 ? (
        <p className="card p-5">
          You have not posted a job yet. Post one and vendors will send you quotes.
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {jobs.map((job) => (
            <li key={job.id} className="card flex flex-col gap-2 p-4">
              <div className="flex items-center justify-between gap-2">
                <StatusPill status={job.status} />
                <span className="text-sm font-semibold" data-testid="quote-count">
                  {job.quotes} {job.quotes === 1 ? 'quote' : 'quotes'}
                  {job.openQuotes > 0 && job.status === 'published'
                    ? ` · ${job.openQuotes} to review`
                    : ''}
                </span>
              </div>
              <h2 className="text-lg font-semibold">
                <Link href={`/my-jobs/${job.id}`}>{job.title}</Link>
              </h2>
              <p className="text-sm text-gray-600">
                {formatNzDate(job.eventDate)} · {placeLabel(job.location)} ·{' '}
                {budgetLabel(job.budgetMin, job.budgetMax)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
