'use client'

import { useState } from 'react'

import { callApi } from '@/lib/apiClient'

import { FormMessage } from './FormMessage'

/** A vendor's daily job alerts, on or off, saved as soon as the box changes. */
export function JobAlertsToggle({ id, enabled }: { id: number; enabled: boolean }) {
  const [checked, setChecked] = useState(enabled)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ error?: string; success?: string }>({})
  const change = async (next: boolean) => {
    setBusy(true)
    setMessage({})
    const result = await callApi(`/api/users/${id}`, { method: 'PATCH', body: { jobAlerts: next } })
    setBusy(false)
    if (!result.ok) {
      setMessage({ error: result.message })
      return
    }
    setChecked(next)
    setMessage({ success: next ? 'Job alerts are on.' : 'Job alerts are off.' })
  }
  return (
    <div className="flex flex-col gap-2">
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          className="size-5"
          checked={checked}
          disabled={busy}
          onChange={(event) => void change(event.target.checked)}
        />
        Email me new jobs that match my services and area (at most one email a day)
      </label>
      <FormMessage error={message.error} success={message.success} />
    </div>
  )
}
