'use client'

import { useId, useMemo, useState } from 'react'

import { filterCategoryGroups } from '@/lib/categoryFilter'
import type { CategoryGroup } from '@/lib/marketplace/queries'

/**
 * Services chosen from a searchable, grouped list: a filter box above labelled groups of
 * checkboxes. Every checkbox stays in the form (hidden when filtered out) so a chosen service is
 * still submitted as `categories` while the list shows something else; the chosen ones are shown
 * as removable chips. No inner scroll box, so a phone scrolls the page as usual.
 */
export function CategoryPicker({
  groups,
  name = 'categories',
  defaultChosen = [],
}: {
  groups: CategoryGroup[]
  name?: string
  /** Services ticked to begin with (a job started from a vendor's page has theirs). */
  defaultChosen?: number[]
}) {
  const [query, setQuery] = useState('')
  const [chosen, setChosen] = useState<number[]>(defaultChosen)
  const filterId = useId()
  const statusId = useId()

  const visible = useMemo(() => {
    const ids = new Set<number>()
    for (const group of filterCategoryGroups(groups, query))
      for (const child of group.children) ids.add(child.id)
    return ids
  }, [groups, query])
  const nameOf = useMemo(
    () => new Map(groups.flatMap((group) => group.children.map((c) => [c.id, c.name] as const))),
    [groups],
  )

  const toggle = (id: number, on: boolean) =>
    setChosen((current) =>
      on ? (current.includes(id) ? current : [...current, id]) : current.filter((c) => c !== id),
    )

  return (
    <div data-testid="category-picker" className="flex flex-col gap-3">
      <div className="min-h-11" aria-live="polite">
        {chosen.length === 0 ? (
          <p className="text-sm text-gray-700">No services chosen yet. Pick at least one below.</p>
        ) : (
          <ul aria-label="Chosen services" className="flex flex-wrap gap-2">
            {chosen.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  onClick={() => toggle(id, false)}
                  aria-label={`Remove ${nameOf.get(id) ?? 'service'}`}
                  className="inline-flex min-h-11 items-center gap-1 rounded-full bg-brand-50 px-3 text-sm font-medium text-brand-800 ring-1 ring-brand-600"
                >
                  {nameOf.get(id)}
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <label htmlFor={filterId} className="label">
        Find a service
        <input
          id={filterId}
          data-testid="category-filter"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            // Enter in the filter box must not submit the job form.
            if (event.key === 'Enter') event.preventDefault()
          }}
          aria-describedby={statusId}
          autoComplete="off"
          placeholder="For example: photographer, DJ, hāngī"
          className="field"
        />
      </label>
      <p id={statusId} className="text-sm text-gray-700" aria-live="polite">
        {visible.size === 0
          ? 'No services match. Try a shorter word, or clear the box to see them all.'
          : query.trim()
            ? `${visible.size} ${visible.size === 1 ? 'service matches' : 'services match'}.`
            : `${visible.size} services in ${groups.length} groups.`}
      </p>

      <div className="flex flex-col gap-3">
        {groups.map((group) => {
          const shown = group.children.some((child) => visible.has(child.id))
          return (
            <fieldset key={group.id} className={shown ? undefined : 'hidden'}>
              <legend className="text-sm font-semibold">{group.name}</legend>
              <div className="mt-1 grid gap-1 sm:grid-cols-2">
                {group.children.map((child) => (
                  <label
                    key={child.id}
                    className={`${visible.has(child.id) ? 'flex' : 'hidden'} min-h-11 items-center gap-2 text-sm`}
                  >
                    <input
                      type="checkbox"
                      name={name}
                      value={child.id}
                      checked={chosen.includes(child.id)}
                      onChange={(event) => toggle(child.id, event.target.checked)}
                      className="size-5"
                    />
                    {child.name}
                  </label>
                ))}
              </div>
            </fieldset>
          )
        })}
      </div>
    </div>
  )
}
