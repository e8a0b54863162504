'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { announceStatus } from '@/components/ui/ActionStatus'
import { ConfirmDialog } from '@/components/ui/ConfirmDialog'
import { callApi } from '@/lib/kit/apiClient'

type Props = {
  /** Endpoint the button calls, e.g. `/api/applications/12/accept`. */
  action: string
  /** @default 'POST' */
  method?: 'POST' | 'DELETE'
  label: string
  /** The button's accessible name where its label repeats on the page ("Remove Kai Time…"). */
  ariaLabel?: string
  busyLabel?: string
  /**
   * Asked in a dialog before an action that cannot be undone: its title, text and the confirm
   * button's name. A bare sentence is the text, with the button's label as title and action.
   */
  confirm?: string | { title: string; text: string; confirmLabel: string }
  /** Said in the page's status region once the action worked ("You declined …"). */
  success?: string
  variant?: 'primary' | 'secondary' | 'danger'
  /** Where to go afterwards; the page refreshes in place when not given. */
  then?: string
}

/** One action (publish, close, accept, decline, withdraw, delete a list…) and its outcome. */
export function ActionButton({
  action,
  method = 'POST',
  label,
  ariaLabel,
  busyLabel,
  confirm,
  success,
  variant = 'secondary',
  then,
}: Props) {
  const router = useRouter()
  const question =
    typeof confirm === 'string'
      ? { title: `${label}?`, text: confirm, confirmLabel: label }
      : confirm
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [asking, setAsking] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const run = async () => {
    setBusy(true)
    setError(null)
    const result = await callApi(action, { method })
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      return
    }
    setAsking(false)
    if (success && !announceStatus(success)) setDone(success)
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
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        onClick={() => {
          if (!question) return void run()
          setError(null)
          setAsking(true)
        }}
        disabled={busy}
      >
        {busy && !asking ? (busyLabel ?? `${label}…`) : label}
      </button>
      {question && (
        <ConfirmDialog
          open={asking}
          title={question.title}
          description={question.text}
          confirmLabel={question.confirmLabel}
          busy={busy}
          busyLabel={busyLabel}
          error={error}
          danger={variant === 'danger'}
          onConfirm={() => void run()}
          onClose={() => setAsking(false)}
        />
      )}
      <FormMessage error={asking ? null : error} success={done} />
    </div>
  )
}
