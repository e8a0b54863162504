'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'

type Props = {
  /** `POST` endpoint the button calls, e.g. `/api/applications/12/accept`. */
  action: string
  label: string
  busyLabel?: string
  /** Asked before an action that cannot be undone. */
  confirm?: string
  variant?: 'primary' | 'secondary' | 'danger'
  /** Where to go afterwards; the page refreshes in place when not given. */
  then?: string
}

/** One marketplace action (publish, close, shortlist, accept, decline, withdraw) and its outcome. */
export function ActionButton({
  action,
  label,
  busyLabel,
  confirm,
  variant = 'secondary',
  then,
}: Props) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async () => {
    if (confirm && !window.confirm(confirm)) return
    setBusy(true)
    setError(null)
    const result = await callApi(action)
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      return
    }
    if (then) router.push(then)
    router.refresh()
  }
  const className =
    variant === 'primary'
      ? 'btn'
      : variant === 'danger'
        ? 'btn-secondary border-red-300 text-red-800 hover:bg-red-50'
        : 'btn-secondary'
  return (
    <div className="flex flex-col gap-2">
      <button type="button" className={className} onClick={run} disabled={busy}>
        {busy ? (busyLabel ?? `${label}…`) : label}
      </button>
      <FormMessage error={error} />
    </div>
  )
}
