'use client'

import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'

import { capitalised } from '@/components/jobs/format'
import { announceStatus } from '@/components/ui/ActionStatus'
import { ConfirmDialog } from '@/components/ui/ConfirmDialog'
import { callApi } from '@/lib/kit/apiClient'

type Props = {
  bookingId: number
  /** Who is told: "Lower Hutt Photography" or "the organizer". */
  otherSide: string
  /** The organizer may reopen their job for quotes in the same step. */
  canReopen: boolean
  /** CANCEL_REASON_LENGTH, from the server's rule. */
  reasonLength: { min: number; max: number }
}

/** Cancelling a booking asks why (the other side is shown it) and, for the organizer, what next. */
export function CancelBooking({ bookingId, otherSide, canReopen, reasonLength }: Props) {
  const router = useRouter()
  const whoIsTold = capitalised(otherSide)
  const reasonId = useId()
  const hintId = useId()
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [reopenJob, setReopenJob] = useState(canReopen)
  const cancel = async () => {
    if (reason.trim().length < reasonLength.min) {
      setError(`Say why in at least ${reasonLength.min} characters: ${otherSide} is shown it.`)
      return
    }
    setBusy(true)
    setError(null)
    const result = await callApi(`/api/bookings/${bookingId}/cancel`, {
      body: { reason: reason.trim(), ...(canReopen ? { reopenJob } : {}) },
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      return
    }
    setAsking(false)
    announceStatus(
      reopenJob && canReopen
        ? 'You cancelled the booking and reopened the job for quotes.'
        : 'You cancelled the booking.',
    )
    router.refresh()
  }
  return (
    <>
      <button
        type="button"
        className="btn-secondary border-red-300 text-red-800 hover:bg-red-50"
        onClick={() => {
          setError(null)
          setAsking(true)
        }}
      >
        Cancel booking
      </button>
      <ConfirmDialog
        open={asking}
        title="Cancel this booking?"
        description={`${whoIsTold} is told at once, with your reason. This cannot be undone.`}
        confirmLabel="Cancel booking"
        busyLabel="Cancelling…"
        dismissLabel="Keep the booking"
        busy={busy}
        error={error}
        danger
        onConfirm={() => void cancel()}
        onClose={() => setAsking(false)}
      >
        <label htmlFor={reasonId} className="mt-4 block text-sm font-medium">
          Why are you cancelling?
        </label>
        <textarea
          id={reasonId}
          aria-describedby={hintId}
          className="field mt-1 min-h-24 w-full"
          required
          minLength={reasonLength.min}
          maxLength={reasonLength.max}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value)
            setError(null)
          }}
        />
        <p id={hintId} className="mt-1 text-xs text-gray-600">
          {reasonLength.min}–{reasonLength.max} characters. {whoIsTold} sees this.
        </p>
        {canReopen && (
          <label className="mt-3 flex min-h-11 items-center gap-3 text-sm">
            <input
              type="checkbox"
              className="size-5"
              checked={reopenJob}
              onChange={(event) => setReopenJob(event.target.checked)}
            />
            Reopen my job for quotes (the other quotes come back into the running)
          </label>
        )}
      </ConfirmDialog>
    </>
  )
}
