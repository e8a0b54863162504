'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'
import { MAX_REPORT_REASON, MAX_RESPONSE_TEXT } from '@/lib/trust/rules'

/** "Report" under a review: a reason, then a thank-you. Once per person. */
export function ReportReview({ reviewId }: { reviewId: number }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  if (done) return <p className="text-xs text-gray-600">Thanks — a moderator will look at it.</p>
  if (!open)
    return (
      <button
        type="button"
        className="text-xs text-gray-600 underline"
        onClick={() => setOpen(true)}
      >
        Report
      </button>
    )
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={async (event) => {
        event.preventDefault()
        setBusy(true)
        const result = await callApi(`/api/reviews/${reviewId}/report`, { body: { reason } })
        setBusy(false)
        if (!result.ok) return setError(result.message)
        setDone(true)
      }}
    >
      <label className="label">
        What is wrong with this review?
        <input
          className="field"
          value={reason}
          maxLength={MAX_REPORT_REASON}
          onChange={(event) => setReason(event.target.value)}
          required
          minLength={5}
        />
      </label>
      <FormMessage error={error} />
      <div className="flex gap-2">
        <button type="submit" className="btn-secondary" disabled={busy}>
          Send report
        </button>
        <button type="button" className="text-sm underline" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** The reviewed vendor's one public response: write it, or edit it within 30 days. */
export function ResponseForm({
  reviewId,
  response,
}: {
  reviewId: number
  response?: { id: number; text: string } | null
}) {
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const [text, setText] = useState(response?.text ?? '')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!open)
    return (
      <button type="button" className="btn-secondary self-start" onClick={() => setOpen(true)}>
        {response ? 'Edit your response' : 'Respond publicly'}
      </button>
    )
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={async (event) => {
        event.preventDefault()
        setBusy(true)
        const result = response
          ? await callApi(`/api/review-responses/${response.id}`, { method: 'PUT', body: { text } })
          : await callApi(`/api/reviews/${reviewId}/response`, { body: { text } })
        setBusy(false)
        if (!result.ok) return setError(result.message)
        setOpen(false)
        router.refresh()
      }}
    >
      <label className="label">
        Your public response
        <textarea
          className="field min-h-24 py-2"
          value={text}
          maxLength={MAX_RESPONSE_TEXT}
          onChange={(event) => setText(event.target.value)}
          required
        />
      </label>
      <FormMessage error={error} />
      <div className="flex gap-2">
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Posting…' : 'Post response'}
        </button>
        <button type="button" className="text-sm underline" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
