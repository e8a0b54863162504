import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { pageBeyondLast, Pagination } from '@/components/Pagination'
import { Facets } from '@/components/search/Facets'
import { MapResults } from '@/components/search/MapResults'
import { OfflineMap } from '@/components/search/OfflineMap'
import { PlaceInput } from '@/components/search/PlaceInput'
import { ResultCard } from '@/components/search/ResultCard'
import { getEnv } from '@/lib/kit/env'
import { jobsOpenForRequests } from '@/lib/marketplace/queries'
import { getCurrentUser } from '@/lib/payload'
import { saveChoicesFor, savedListsOf } from '@/lib/saved/queries'
import {
  RADIUS_OPTIONS,
  RESULTS_PER_PAGE,
  runVendorSearch,
  searchHref,
  searchStateFromParams,
} from '@/lib/vendorSearch'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Find event vendors' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const SORTS = [
  { value: '', label: 'Best match' },
  { value: 'rating', label: 'Top rated' },
  { value: 'distance', label: 'Nearest' },
  { value: 'price', label: 'Price: low to high' },
]

const FIELD_LABELS: Record<string, string> = {
  'location.place': 'Near',
  'location.radius': 'Within',
  'availability.startDate': 'From',
  'availability.endDate': 'To',
  availability: 'Dates',
  sortBy: 'Sort',
}

export default async function VendorsPage({ searchParams }: Props) {
  const state = searchStateFromParams(await searchParams)
  const [outcome, user] = await Promise.all([runVendorSearch(state), getCurrentUser()])
  const [savedLists, requestFor] = await Promise.all([
    savedListsOf(user),
    jobsOpenForRequests(user),
  ])
  const token = getEnv().NEXT_PUBLIC_MAPBOX_TOKEN
  const response = outcome.ok ? outcome.response : null
  const total = response?.data.total ?? 0
  const lastPage = pageBeyondLast(state.page, total, RESULTS_PER_PAGE)
  if (lastPage) redirect(searchHref(state, { page: lastPage }))
  const location = response?.meta.location ?? null
  const widened = outcome.ok ? outcome.widened : null
  const suggestions = outcome.ok ? [] : outcome.suggestions
  const [south, west, north, east] = state.bounds.split(',').map(Number)
  const mapBounds =
    state.bounds && [south, west, north, east].every((n) => Number.isFinite(n))
      ? { south: south!, west: west!, north: north!, east: east! }
      : null
  const hidden = (name: string, value: string) =>
    value ? <input type="hidden" name={name} value={value} /> : null

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Find event vendors</h1>

      <form
        action="/vendors"
        method="get"
        role="search"
        className="card grid grid-cols-2 gap-3 p-4 lg:grid-cols-[2fr_1.4fr_8rem_9rem_9rem_auto]"
      >
        <div className="col-span-2 lg:col-span-1">
          <label className="label" htmlFor="search-q">
            What
          </label>
          <input
            id="search-q"
            name="q"
            defaultValue={state.q}
            placeholder="Photographer, caterer, venue…"
            className="field"
          />
        </div>
        <div>
          <label className="label" htmlFor="search-near">
            Near
          </label>
          <div className="mt-1">
            <PlaceInput defaultValue={state.near} />
          </div>
        </div>
        <div>
          <label className="label" htmlFor="search-radius">
            Within
          </label>
          <select id="search-radius" name="radius" defaultValue={state.radius} className="field">
            <option value="">Nearby</option>
            {RADIUS_OPTIONS.map((km) => (
              <option key={km} value={km}>
                {km} km
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="search-from">
            From
          </label>
          <input
            id="search-from"
            name="from"
            type="date"
            defaultValue={state.from}
            className="field"
          />
        </div>
        <div>
          <label className="label" htmlFor="search-to">
            To
          </label>
          <input id="search-to" name="to" type="date" defaultValue={state.to} className="field" />
        </div>
        {state.category.map((slug) => (
          <input key={slug} type="hidden" name="category" value={slug} />
        ))}
        {hidden('region', state.region)}
        {hidden('price', state.price)}
        {hidden('rating', state.rating)}
        {hidden('verified', state.verified ? '1' : '')}
        {hidden('sort', state.sort)}
        {hidden('view', state.view === 'map' ? 'map' : '')}
        <button type="submit" className="btn col-span-2 self-end lg:col-span-1">
          Search
        </button>
      </form>

      {outcome.ok ? null : (
        <div role="alert" className="card border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-semibold">Please check your search:</p>
          <ul className="mt-1 list-disc pl-5">
            {outcome.problems.map((p) => (
              <li key={p.field}>
                {FIELD_LABELS[p.field] ?? p.field}: {p.message}
              </li>
            ))}
          </ul>
          {suggestions.length ? (
            <div className="mt-3" data-testid="place-suggestions">
              <p>Did you mean one of these? Your other filters stay as they are.</p>
              <ul className="mt-1 flex flex-wrap gap-2">
                {suggestions.map((place) => (
                  <li key={`${place.kind}-${place.name}`}>
                    <Link
                      href={searchHref(state, { near: place.name, bounds: '' })}
                      className="inline-flex min-h-11 items-center rounded-full border border-gray-300 bg-white px-3 text-ink no-underline hover:bg-gray-50"
                      data-testid="place-suggestion"
                    >
                      {place.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
        <aside>
          {response?.data.facets ? (
            <details className="lg:hidden card p-3" data-testid="filters-toggle">
              <summary className="min-h-9 cursor-pointer font-semibold">Filters</summary>
              <div className="mt-3">
                <Facets state={state} facets={response.data.facets} />
              </div>
            </details>
          ) : null}
          <div className="hidden lg:block">
            {response?.data.facets ? <Facets state={state} facets={response.data.facets} /> : null}
          </div>
        </aside>

        <section className="flex min-w-0 flex-col gap-4" aria-labelledby="results-heading">
          <div className="flex min-h-11 flex-wrap items-center justify-between gap-3">
            <h2
              id="results-heading"
              className="text-sm text-gray-700"
              aria-live="polite"
              data-testid="result-count"
            >
              <span className="font-semibold text-ink">{total.toLocaleString('en-NZ')}</span>{' '}
              {total === 1 ? 'vendor' : 'vendors'}
              {state.q ? ` matching “${state.q}”` : ''}
              {location?.name ? ` within ${location.radiusKm} km of ${location.name}` : ''}
              {mapBounds ? ' in this part of the map' : ''}
            </h2>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <nav aria-label="Sort" className="flex flex-wrap gap-1">
                {SORTS.filter((s) => s.value !== 'distance' || location).map((s) => (
                  <Link
                    key={s.value}
                    href={searchHref(state, { sort: s.value })}
                    scroll={false}
                    aria-current={state.sort === s.value ? 'true' : undefined}
                    className={`rounded-full border px-3 py-1 no-underline ${state.sort === s.value ? 'border-brand-700 bg-brand-700 text-white' : 'border-gray-300 text-ink hover:bg-gray-50'}`}
                  >
                    {s.label}
                  </Link>
                ))}
              </nav>
              <nav
                aria-label="View"
                className="flex overflow-hidden rounded-lg border border-gray-300"
              >
                <Link
                  href={searchHref(state, { view: 'list', page: state.page })}
                  scroll={false}
                  aria-current={state.view === 'list' ? 'true' : undefined}
                  className={`px-3 py-1 no-underline ${state.view === 'list' ? 'bg-gray-900 text-white' : 'text-ink'}`}
                >
                  List
                </Link>
                <Link
                  href={searchHref(state, { view: 'map' })}
                  scroll={false}
                  aria-current={state.view === 'map' ? 'true' : undefined}
                  className={`px-3 py-1 no-underline ${state.view === 'map' ? 'bg-gray-900 text-white' : 'text-ink'}`}
                >
                  Map
                </Link>
              </nav>
            </div>
          </div>

          {widened && location?.name ? (
            <p className="card bg-brand-50 p-3 text-sm text-ink" data-testid="radius-widened">
              {widened.foundAtStart === 0
                ? `No vendors${state.q ? ` matching “${state.q}”` : ''} within ${widened.fromKm} km of ${location.name}`
                : `Only ${widened.foundAtStart} within ${widened.fromKm} km of ${location.name}`}{' '}
              — showing within {widened.toKm} km.{' '}
              <Link href={searchHref(state, { radius: String(widened.fromKm) })}>
                Keep to {widened.fromKm} km
              </Link>
            </p>
          ) : null}

          {response && total === 0 ? (
            <div className="card p-6 text-gray-700">
              <p>No vendors match all of that.</p>
              <p className="mt-2 text-sm">
                Try a wider radius, fewer filters, or <Link href="/vendors">start again</Link>.
              </p>
            </div>
          ) : null}

          {response && total > 0 && state.view === 'map' ? (
            <div className="flex flex-col gap-2">
              {token ? (
                <MapResults token={token} vendors={response.data.vendors} circle={location} />
              ) : (
                <OfflineMap vendors={response.data.vendors} circle={location} bounds={mapBounds} />
              )}
              {total > response.data.vendors.length ? (
                <p className="text-xs text-gray-600">
                  Showing the first {response.data.vendors.length} of {total}. Narrow the search to
                  see the rest on the map.
                </p>
              ) : null}
            </div>
          ) : null}

          {response && total > 0 && state.view === 'list' ? (
            <>
              <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {response.data.vendors.map((vendor) => (
                  <ResultCard
                    key={vendor.id}
                    vendor={vendor}
                    saveTo={
                      user?.role === 'organizer' ? saveChoicesFor(savedLists, vendor.id) : undefined
                    }
                    requestFor={user?.role === 'organizer' ? requestFor : undefined}
                  />
                ))}
              </div>
              <Pagination
                page={state.page}
                totalPages={Math.ceil(total / RESULTS_PER_PAGE)}
                href={(page) => searchHref(state, { page })}
              />
            </>
          ) : null}
        </section>
      </div>
    </div>
  )
}
