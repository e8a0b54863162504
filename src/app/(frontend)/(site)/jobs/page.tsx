import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { budgetLabel, formatNzDate } from '@/components/jobs/format'
import { pageBeyondLast, Pagination } from '@/components/Pagination'
import { PlaceInput } from '@/components/search/PlaceInput'
import { EVENT_TYPES, NZ_REGIONS, placeName } from '@/lib/constants'
import {
  JOBS_PER_PAGE,
  jobBoardHref,
  jobBoardState,
  runJobBoardSearch,
  usesVendorScope,
  vendorScope,
} from '@/lib/marketplace/jobBoard'
import { categoryGroups } from '@/lib/marketplace/queries'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'

export const metadata: Metadata = { title: 'Job board' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const SORTS = [
  { value: '', label: 'Best match' },
  { value: 'newest', label: 'Newest' },
  { value: 'eventDate', label: 'Event date' },
  { value: 'deadline', label: 'Closing soon' },
]

/** Open jobs for vendors, every filter in the URL so a search can be shared and bookmarked. */
export default async function JobBoardPage({ searchParams }: Props) {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/jobs')
  if (user.role === 'organizer') redirect('/my-jobs')
  const state = jobBoardState(await searchParams)
  const scope = await vendorScope(await getPayloadClient(), user)
  const scoped = usesVendorScope(state, scope)
  const [outcome, groups] = await Promise.all([
    runJobBoardSearch(state, user, scope),
    categoryGroups(user),
  ])
  const response = outcome.ok ? outcome.response : null
  const total = response?.data.total ?? 0
  const lastPage = pageBeyondLast(state.page, total, JOBS_PER_PAGE)
  if (lastPage) redirect(jobBoardHref(state, { page: lastPage }))
  const facets = response?.data.facets
  const moreFilters = Boolean(
    state.category ||
    state.eventType ||
    state.region ||
    state.near ||
    state.from ||
    state.to ||
    state.budgetMin ||
    state.budgetMax ||
    state.urgent,
  )
  const count = (
    list: { count: number; value?: string; slug?: string }[] | undefined,
    key: string,
  ) => {
    const found = list?.find((item) => (item.value ?? item.slug) === key)
    return found ? ` (${found.count})` : ''
  }
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Job board</h1>
      <form
        action="/jobs"
        method="get"
        role="search"
        className="card grid grid-cols-2 gap-3 p-4 lg:grid-cols-4"
      >
        <label className="label col-span-2 lg:col-span-3">
          What
          <input
            name="q"
            defaultValue={state.q}
            placeholder="Wedding, gala, photos…"
            className="field"
          />
        </label>
        <details className="col-span-2 lg:col-span-4" open={moreFilters}>
          <summary className="min-h-9 cursor-pointer text-sm font-semibold">
            More filters{moreFilters ? ' (in use)' : ''}
          </summary>
          <div className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-4">
            <label className="label">
              Service
              <select name="category" defaultValue={state.category} className="field">
                <option value="">Any</option>
                {groups.map((group) => (
                  <optgroup key={group.id} label={group.name}>
                    <option value={group.slug}>
                      All {group.name}
                      {count(facets?.categories, group.slug)}
                    </option>
                    {group.children.map((child) => (
                      <option key={child.id} value={child.slug}>
                        {child.name}
                        {count(facets?.categories, child.slug)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label className="label">
              Event
              <select name="eventType" defaultValue={state.eventType} className="field">
                <option value="">Any</option>
                {EVENT_TYPES.map((type) => (
                  <option key={type.value} value={type.value}>
                    {type.label}
                    {count(facets?.eventTypes, type.value)}
                  </option>
                ))}
              </select>
            </label>
            <label className="label">
              Region
              <select name="region" defaultValue={state.region} className="field">
                <option value="">All of New Zealand</option>
                {NZ_REGIONS.map((region) => (
                  <option key={region.value} value={region.value}>
                    {region.label}
                    {count(facets?.regions, region.value)}
                  </option>
                ))}
              </select>
            </label>
            <div>
              <label className="label" htmlFor="search-near">
                Near
              </label>
              <div className="mt-1">
                <PlaceInput defaultValue={state.near} />
              </div>
            </div>
            <label className="label">
              Event from
              <input type="date" name="from" defaultValue={state.from} className="field" />
            </label>
            <label className="label">
              Event to
              <input type="date" name="to" defaultValue={state.to} className="field" />
            </label>
            <label className="label">
              Budget from $
              <input
                name="budgetMin"
                inputMode="numeric"
                defaultValue={state.budgetMin}
                className="field"
              />
            </label>
            <label className="label">
              Budget to $
              <input
                name="budgetMax"
                inputMode="numeric"
                defaultValue={state.budgetMax}
                className="field"
              />
            </label>
            <label className="col-span-2 flex min-h-11 items-center gap-2 text-sm lg:col-span-1">
              <input
                type="checkbox"
                name="urgent"
                value="true"
                defaultChecked={state.urgent}
                className="size-4"
              />{' '}
              Urgent only
            </label>
          </div>
        </details>
        {state.sort && <input type="hidden" name="sort" value={state.sort} />}
        {state.all && <input type="hidden" name="all" value="true" />}
        <button
          type="submit"
          className="btn col-span-2 self-end lg:order-first lg:col-span-1 lg:col-start-4 lg:row-start-1"
        >
          Search jobs
        </button>
      </form>

      {scoped ? (
        <p className="card p-4 text-sm" data-testid="job-board-scope">
          Showing jobs in your services and regions.{' '}
          <Link href={jobBoardHref(state, { all: true })} className="font-semibold">
            Show all jobs
          </Link>
        </p>
      ) : state.all && scope?.categories.length ? (
        <p className="card p-4 text-sm" data-testid="job-board-scope">
          Showing every open job.{' '}
          <Link href={jobBoardHref(state, { all: false })} className="font-semibold">
            Show jobs in your services and regions
          </Link>
        </p>
      ) : null}

      {outcome.ok ? null : (
        <div role="alert" className="card border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-semibold">Please check your search:</p>
          <ul className="mt-1 list-disc pl-5">
            {outcome.problems.map((p) => (
              <li key={p.field}>
                {p.field}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-gray-700" aria-live="polite" data-testid="job-count">
          <span className="font-semibold text-ink">{total.toLocaleString('en-NZ')}</span> open{' '}
          {total === 1 ? 'job' : 'jobs'}
        </p>
        <nav aria-label="Sort" className="flex flex-wrap gap-1 text-sm">
          {SORTS.map((s) => (
            <Link
              key={s.value}
              href={jobBoardHref(state, { sort: s.value })}
              aria-current={state.sort === s.value ? 'true' : undefined}
              className={`rounded-full border px-3 py-1 no-underline ${state.sort === s.value ? 'border-brand-700 bg-brand-700 text-white' : 'border-gray-300 text-ink'}`}
            >
              {s.label}
            </Link>
          ))}
        </nav>
      </div>

      {response && total === 0 && (
        <p className="card p-6 text-gray-700">
          No open jobs match all of that. <Link href="/jobs">See every open job.</Link>
        </p>
      )}
      <ul className="grid gap-3 sm:grid-cols-2">
        {response?.data.jobs.map((job) => (
          <li key={job.id} className="card flex flex-col gap-1 p-4" data-testid="job-card">
            <div className="flex flex-wrap items-center gap-2 text-xs">
              {job.isUrgent && (
                <span className="rounded-full bg-red-100 px-2 py-0.5 font-semibold text-red-800">
                  Urgent
                </span>
              )}
              <span className="rounded-full bg-gray-100 px-2 py-0.5">{job.eventTypeLabel}</span>
              {job.categories.map((c) => (
                <span key={c.slug} className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-800">
                  {c.name}
                </span>
              ))}
            </div>
            <h2 className="text-lg font-semibold">
              <Link href={`/jobs/${job.id}`}>{job.title}</Link>
            </h2>
            <p className="text-sm text-gray-600">
              {formatNzDate(job.eventDate)} · {placeName(job.city, job.regionLabel)}
              {job.distanceKm !== undefined ? ` · ${job.distanceKm} km away` : ''}
            </p>
            <p className="text-sm">
              {budgetLabel(job.budgetMin, job.budgetMax)} · {job.guestCount.toLocaleString('en-NZ')}{' '}
              guests
              {job.applicationDeadline
                ? ` · quotes close ${formatNzDate(job.applicationDeadline)}`
                : ''}
            </p>
          </li>
        ))}
      </ul>
      <Pagination
        page={state.page}
        totalPages={Math.ceil(total / JOBS_PER_PAGE)}
        href={(page) => jobBoardHref(state, { page })}
      />
    </div>
  )
}
