'use client'

import { useId, useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'

export type Subscription = {
  id: string
  label: string | null
  host: string
  lastFetchedAt: string | null
  lastGoodAt: string | null
  lastError: string | null
  busyDays: number
}

const WHEN = new Intl.DateTimeFormat('en-NZ', {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Pacific/Auckland',
})

/** Outside calendars whose busy events block days here: add one by its address, or remove it. */
export function CalendarSubscriptions({
  vendorId,
  initial,
  max,
}: {
  vendorId: number
  initial: Subscription[]
  max: number
}) {
  const urlId = useId()
  const labelId = useId()
  const [subscriptions, setSubscriptions] = useState(initial)
  const [url, setUrl] = useState('')
  const [label, setLabel] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const add = async () => {
    setBusy(true)
    setError(null)
    const result = await callApi<{ subscriptions: Subscription[] }>(
      `/api/vendors/${vendorId}/calendar/subscriptions`,
      { body: { url, ...(label.trim() ? { label: label.trim() } : {}) } },
    )
    setBusy(false)
    if (!result.ok) return setError(result.message)
    setSubscriptions(result.data.subscriptions)
    setUrl('')
    setLabel('')
  }

  const remove = async (id: string) => {
    setError(null)
    const result = await callApi<{ subscriptions: Subscription[] }>(
      `/api/vendors/${vendorId}/calendar/subscriptions/${id}`,
      { method: 'DELETE' },
    )
    if (!result.ok) return setError(result.message)
    setSubscriptions(result.data.subscriptions)
  }

  return (
    <div className="flex flex-col gap-3">
      {subscriptions.length > 0 && (
        <ul className="flex flex-col divide-y divide-gray-100 rounded-lg border border-gray-200">
          {subscriptions.map((row) => (
            <li
              key={row.id}
              className="flex flex-wrap items-center justify-between gap-2 p-3"
              data-testid="subscription"
            >
              <div className="flex flex-col text-sm">
                <span className="font-medium">{row.label ?? row.host}</span>
                <span className="text-xs text-gray-600">
                  {row.lastError
                    ? `Last read failed (${row.lastError}); showing the copy from ${row.lastGoodAt ? WHEN.format(new Date(row.lastGoodAt)) : 'before'}.`
                    : `${row.busyDays} busy ${row.busyDays === 1 ? 'day' : 'days'} · read ${row.lastFetchedAt ? WHEN.format(new Date(row.lastFetchedAt)) : 'soon'}`}
                </span>
              </div>
              <button
                type="button"
                className="btn-secondary min-h-11"
                onClick={() => void remove(row.id)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {subscriptions.length < max ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={(event) => {
            event.preventDefault()
            void add()
          }}
        >
          <label htmlFor={urlId} className="text-sm font-medium">
            Calendar address (.ics)
          </label>
          <input
            id={urlId}
            className="field"
            type="url"
            inputMode="url"
            required
            maxLength={500}
            placeholder="https://calendar.google.com/calendar/ical/…/basic.ics"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
          <label htmlFor={labelId} className="text-sm font-medium">
            Name (optional)
          </label>
          <input
            id={labelId}
            className="field"
            maxLength={60}
            placeholder="Google work calendar"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />
          <button type="submit" className="btn min-h-11 self-start" disabled={busy}>
            {busy ? 'Reading it…' : 'Add calendar'}
          </button>
        </form>
      ) : (
        <p className="text-sm text-gray-700">
          You subscribe to {max} calendars, the most there can be.
        </p>
      )}
      <FormMessage error={error} />
    </div>
  )
}
