'use client'

import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'

import { announceStatus } from '@/components/ui/ActionStatus'
import { ConfirmDialog } from '@/components/ui/ConfirmDialog'
import { INVITATION_DECLINE_REASONS, type InvitationDeclineReason } from '@/lib/constants'
import { callApi } from '@/lib/kit/apiClient'
import { DECLINE_NOTE_MAX } from '@/lib/marketplace/invitationLimits'

/** "Can't quote": the vendor says why (the organizer reads it) and may add a short note. */
export function DeclineInvitation({
  invitationId,
  jobTitle,
}: {
  invitationId: number
  jobTitle: string
}) {
  const router = useRouter()
  const noteId = useId()
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState<InvitationDeclineReason | null>(null)
  const [note, setNote] = useState('')

  const decline = async () => {
    if (!reason) return setError('Choose a reason: the organizer is shown it.')
    setBusy(true)
    setError(null)
    const result = await callApi(`/api/invitations/${invitationId}/decline`, {
      body: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
    })
    setBusy(false)
    if (!result.ok) return setError(result.message)
    setAsking(false)
    announceStatus(`You declined the invitation to quote for “${jobTitle}”.`)
    router.refresh()
  }

  return (
    <>
      <button
        type="button"
        className="btn-secondary"
        onClick={() => {
          setError(null)
          setAsking(true)
        }}
      >
        Can’t quote
      </button>
      <ConfirmDialog
        open={asking}
        title="Decline this invitation?"
        description="The organizer is told at once, with your reason, and can ask someone else. Answering counts towards your response rate."
        confirmLabel="Decline invitation"
        busyLabel="Declining…"
        dismissLabel="Keep it"
        busy={busy}
        error={error}
        onConfirm={() => void decline()}
        onClose={() => setAsking(false)}
      >
        <fieldset className="mt-4 flex flex-col">
          <legend className="text-sm font-medium">Why can’t you quote?</legend>
          {INVITATION_DECLINE_REASONS.map((option) => (
            <label key={option.value} className="flex min-h-11 items-center gap-3 text-sm">
              <input
                type="radio"
                name="decline-reason"
                className="size-5"
                checked={reason === option.value}
                onChange={() => {
                  setReason(option.value)
                  setError(null)
                }}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        <label htmlFor={noteId} className="mt-3 block text-sm font-medium">
          A note for the organizer (optional)
        </label>
        <textarea
          id={noteId}
          className="field mt-1 min-h-20 w-full py-2"
          maxLength={DECLINE_NOTE_MAX}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </ConfirmDialog>
    </>
  )
}
