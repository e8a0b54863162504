'use client'

import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'
import type { NotificationField } from '@/lib/kit/notifications'

import { FormMessage } from './FormMessage'

type Props = {
  id: number
  /** The account field of one kind of notification email (src/lib/kit/notifications.ts). */
  field: NotificationField
  enabled: boolean
  label: string
  what: string
}

/** One email preference on the person's account, saved as soon as the box changes. */
export function PreferenceToggle({ id, field, enabled, label, what }: Props) {
  const [checked, setChecked] = useState(enabled)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ error?: string; success?: string }>({})
  const change = async (next: boolean) => {
    setBusy(true)
    setMessage({})
    const result = await callApi(`/api/users/${id}`, { method: 'PATCH', body: { [field]: next } })
    setBusy(false)
    if (!result.ok) {
      setMessage({ error: result.message })
      return
    }
    setChecked(next)
    setMessage({ success: `${what} are ${next ? 'on' : 'off'}.` })
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
        {label}
      </label>
      <FormMessage error={message.error} success={message.success} />
    </div>
  )
}
