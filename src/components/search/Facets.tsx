import Link from 'next/link'

import { type SearchState, searchHref } from '@/lib/vendorSearch'
import type { SearchFacets } from '@/plugins/search'

const CATEGORY_LIMIT = 12

function FacetLink({
  href,
  active,
  label,
  count,
}: {
  href: string
  active: boolean
  label: string
  count: number
}) {
  return (
    <li>
      <Link
        href={href}
        scroll={false}
        aria-current={active ? 'true' : undefined}
        className={`flex min-h-9 items-center justify-between gap-2 rounded-md px-2 text-sm no-underline ${
          active ? 'bg-brand-100 font-semibold text-brand-800' : 'text-ink hover:bg-gray-100'
        }`}
      >
        <span>
          {active ? '✓ ' : ''}
          {label}
        </span>
        <span className="tabular-nums text-gray-500">{count}</span>
      </Link>
    </li>
  )
}

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="flex flex-col gap-1">
      <h3 className="px-2 text-xs font-semibold uppercase tracking-wide text-gray-500">{title}</h3>
      <ul className="flex flex-col">{children}</ul>
    </section>
  )
}

/** Filters with live counts; each is a link to the search with that filter toggled. */
export function Facets({ state, facets }: { state: SearchState; facets: SearchFacets }) {
  const toggleCategory = (slug: string) =>
    state.category.includes(slug)
      ? state.category.filter((c) => c !== slug)
      : [...state.category, slug]
  const categories = facets.categories.filter(
    (c, index) => index < CATEGORY_LIMIT || state.category.includes(c.slug),
  )
  return (
    <div className="flex flex-col gap-5" data-testid="facets">
      <Group title="Category">
        {categories.map((c) => (
          <FacetLink
            key={c.slug}
            href={searchHref(state, { category: toggleCategory(c.slug) })}
            active={state.category.includes(c.slug)}
            label={c.name}
            count={c.count}
          />
        ))}
      </Group>
      <Group title="Region">
        {facets.regions.map((r) => (
          <FacetLink
            key={r.value}
            href={searchHref(state, { region: state.region === r.value ? '' : r.value })}
            active={state.region === r.value}
            label={r.label}
            count={r.count}
          />
        ))}
      </Group>
      <Group title="Price">
        {facets.priceRanges.map((p) => (
          <FacetLink
            key={p.value}
            href={searchHref(state, { price: state.price === p.value ? '' : p.value })}
            active={state.price === p.value}
            label={p.label}
            count={p.count}
          />
        ))}
      </Group>
      <Group title="Rating">
        {facets.ratings.map((r) => (
          <FacetLink
            key={r.min}
            href={searchHref(state, {
              rating: state.rating === String(r.min) ? '' : String(r.min),
            })}
            active={state.rating === String(r.min)}
            label={`${r.min}★ and up`}
            count={r.count}
          />
        ))}
      </Group>
      <Group title="Trust">
        <FacetLink
          href={searchHref(state, { verified: !state.verified })}
          active={state.verified}
          label="Verified only"
          count={facets.verified.count}
        />
      </Group>
    </div>
  )
}
