import type { Category, Job } from '@/payload-types'

import { budgetLabel, eventTypeLabel, formatNzDate, placeLabel } from './format'
import { StatusPill } from './StatusPill'

/** What a job asks for: the facts a vendor prices on and an organizer checks. */
export function JobSummary({ job }: { job: Job }) {
  const quotesClosed =
    job.status === 'published' &&
    Boolean(job.applicationDeadline) &&
    new Date(job.applicationDeadline!).getTime() <= Date.now()
  const categories = (job.categories ?? []).filter((c): c is Category => typeof c === 'object')
  const facts: [string, string][] = [
    ['Event', eventTypeLabel(job.eventType)],
    ['Date', `${formatNzDate(job.eventDate)}${job.eventTime ? ` at ${job.eventTime}` : ''}`],
    ['Guests', job.guestCount.toLocaleString('en-NZ')],
    ['Budget', budgetLabel(job.budgetMin, job.budgetMax)],
    ['Where', [job.location?.address, placeLabel(job.location)].filter(Boolean).join(', ')],
    [
      'Quotes close',
      job.applicationDeadline ? formatNzDate(job.applicationDeadline) : 'When the organizer books',
    ],
  ]
  return (
    <section className="card flex flex-col gap-4 p-5" aria-labelledby="job-title">
      <div className="flex flex-wrap items-center gap-2">
        <StatusPill status={job.status} />
        {quotesClosed && (
          <span className="rounded-full bg-gray-200 px-2 py-0.5 text-xs font-semibold text-gray-700">
            Quotes closed
          </span>
        )}
        {job.isUrgent && (
          <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
            Urgent
          </span>
        )}
      </div>
      <h1 id="job-title" className="text-2xl font-bold">
        {job.title}
      </h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-gray-600">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {categories.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label="Vendors wanted">
          {categories.map((category) => (
            <li key={category.id} className="rounded-full bg-gray-100 px-2 py-0.5 text-xs">
              {category.name}
            </li>
          ))}
        </ul>
      )}
      <p className="whitespace-pre-line">{job.description}</p>
      {job.specialRequirements && (
        <div>
          <h2 className="text-sm font-semibold">Special requirements</h2>
          <p className="whitespace-pre-line text-sm">{job.specialRequirements}</p>
        </div>
      )}
    </section>
  )
}
