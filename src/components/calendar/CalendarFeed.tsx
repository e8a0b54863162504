'use client'

import { useState } from 'react'

import { ConfirmDialog } from '@/components/ui/ConfirmDialog'
import { callApi } from '@/lib/kit/apiClient'

/**
 * The vendor's private calendar address: made (or made again, which stops the old one) and
 * shown once, or stopped. Only its hash is kept, so a lost address is replaced, not shown.
 */
export function CalendarFeed({ vendorId, hasFeed }: { vendorId: number; hasFeed: boolean }) {
  const [active, setActive] = useState(hasFeed)
  const [url, setUrl] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<'rotate' | 'revoke' | null>(null)
  const [copied, setCopied] = useState(false)

  const run = async (method: 'POST' | 'DELETE') => {
    setBusy(true)
    setError(null)
    const result = await callApi<{ url?: string }>(`/api/vendors/${vendorId}/calendar/feed`, {
      method,
    })
    setBusy(false)
    setConfirming(null)
    if (!result.ok) return setError(result.message)
    setUrl(result.data.url ?? null)
    setActive(method === 'POST')
    setCopied(false)
  }

  return (
    <div className="flex flex-col gap-3" data-testid="calendar-feed">
      {url ? (
        <div className="flex flex-col gap-2 rounded-lg border border-brand-200 bg-brand-50 p-3">
          <label htmlFor="feed-url" className="text-sm font-medium">
            Your calendar address (shown this once: copy it now)
          </label>
          <input
            id="feed-url"
            readOnly
            value={url}
            className="field font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-secondary min-h-11"
              onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}
            >
              {copied ? 'Copied' : 'Copy address'}
            </button>
            <a className="btn-secondary min-h-11" href={url.replace(/^https?:/, 'webcal:')}>
              Open in Apple Calendar
            </a>
          </div>
        </div>
      ) : (
        <p className="text-sm text-gray-700">
          {active
            ? 'Your calendar address is on. It was shown when you made it; make a new one if you lost it (the old one stops).'
            : 'Make a private address and add it to Google Calendar, Outlook or Apple Calendar: your bookings and blocked days appear there and stay up to date.'}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={active ? 'btn-secondary min-h-11' : 'btn min-h-11'}
          disabled={busy}
          onClick={() => (active ? setConfirming('rotate') : void run('POST'))}
        >
          {active ? 'Make a new address' : 'Make my calendar address'}
        </button>
        {active && (
          <button
            type="button"
            className="btn-secondary min-h-11 border-red-300 text-red-800"
            disabled={busy}
            onClick={() => setConfirming('revoke')}
          >
            Stop the address
          </button>
        )}
      </div>
      {error && !confirming && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === 'revoke' ? 'Stop your calendar address?' : 'Make a new address?'}
        description={
          confirming === 'revoke'
            ? 'Calendars subscribed to it stop getting your bookings.'
            : 'The old address stops working: add the new one to your calendars instead.'
        }
        confirmLabel={confirming === 'revoke' ? 'Stop the address' : 'Make a new address'}
        danger={confirming === 'revoke'}
        busy={busy}
        error={error}
        onConfirm={() => void run(confirming === 'revoke' ? 'DELETE' : 'POST')}
        onClose={() => setConfirming(null)}
      />
    </div>
  )
}
