'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { RATING_DIMENSIONS, type RatingDimension } from '@/lib/constants'
import { callApi } from '@/lib/kit/apiClient'
import { MAX_REVIEW_PHOTOS, MAX_REVIEW_TEXT, MIN_REVIEW_TEXT } from '@/lib/trust/rules'

import { StarInput } from './StarInput'

type Props = {
  bookingId: number
  vendorName: string
  /** Editing an existing review: its id and what it says now. */
  existing?: { id: number; ratings: Record<RatingDimension, number>; text: string }
}

const EMPTY = Object.fromEntries(RATING_DIMENSIONS.map((d) => [d.value, 0])) as Record<
  RatingDimension,
  number
>

/** Write (or edit) a review: five star ratings, words, and up to six photos of your own. */
export function ReviewForm({ bookingId, vendorName, existing }: Props) {
  const router = useRouter()
  const [ratings, setRatings] = useState(existing?.ratings ?? EMPTY)
  const [text, setText] = useState(existing?.text ?? '')
  const [files, setFiles] = useState<File[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const missing = RATING_DIMENSIONS.find((d) => !ratings[d.value])
  const length = text.trim().length

  const uploadPhotos = async (): Promise<number[] | null> => {
    const ids: number[] = []
    for (const file of files) {
      const form = new FormData()
      form.append('file', file)
      form.append('_payload', JSON.stringify({ alt: `Photo from an event with ${vendorName}` }))
      const response = await fetch('/api/media', {
        method: 'POST',
        credentials: 'include',
        body: form,
      })
      const body = await response.json().catch(() => null)
      if (!response.ok) {
        setError(`${file.name}: ${body?.errors?.[0]?.message ?? 'could not be uploaded.'}`)
        return null
      }
      ids.push(body.doc.id)
    }
    return ids
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (missing) return setError(`Rate ${missing.label.toLowerCase()} from 1 to 5 stars.`)
    if (length < MIN_REVIEW_TEXT)
      return setError(`Write at least ${MIN_REVIEW_TEXT} characters about your experience.`)
    setBusy(true)
    setError(null)
    const photos = files.length ? await uploadPhotos() : []
    if (photos === null) return setBusy(false)
    const result = existing
      ? await callApi(`/api/reviews/${existing.id}`, {
          method: 'PUT',
          body: { ratings, text, ...(photos.length ? { photos } : {}) },
        })
      : await callApi('/api/reviews', { body: { booking: bookingId, ratings, text, photos } })
    setBusy(false)
    if (!result.ok) return setError(result.message)
    router.push(`/bookings?reviewed=${bookingId}`)
    router.refresh()
  }

  return (
    <form onSubmit={submit} className="card flex flex-col gap-4 p-5" noValidate>
      <div className="flex flex-col gap-1">
        {RATING_DIMENSIONS.map((dimension) => (
          <StarInput
            key={dimension.value}
            name={dimension.value}
            label={dimension.label}
            value={ratings[dimension.value]}
            onChange={(value) =>
              setRatings((current) => ({ ...current, [dimension.value]: value }))
            }
          />
        ))}
      </div>
      <label className="label" htmlFor="review-text">
        Your review
        <textarea
          id="review-text"
          className="field min-h-40 py-2"
          value={text}
          maxLength={MAX_REVIEW_TEXT}
          onChange={(event) => setText(event.target.value)}
          placeholder={`What was it like working with ${vendorName}? What would you tell a friend?`}
          required
        />
      </label>
      <p
        className={`-mt-3 text-xs ${length < MIN_REVIEW_TEXT ? 'text-gray-500' : 'text-green-700'}`}
      >
        {length < MIN_REVIEW_TEXT
          ? `${MIN_REVIEW_TEXT - length} more characters to go`
          : `${MAX_REVIEW_TEXT - length} characters left`}
        . Links, phone numbers and email addresses are held for a moderator.
      </p>
      <label className="label" htmlFor="review-photos">
        Photos (optional, up to {MAX_REVIEW_PHOTOS})
        <input
          id="review-photos"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          className="mt-1 block text-sm"
          onChange={(event) => {
            const chosen = Array.from(event.target.files ?? [])
            if (chosen.length > MAX_REVIEW_PHOTOS)
              setError(`Choose at most ${MAX_REVIEW_PHOTOS} photos.`)
            setFiles(chosen.slice(0, MAX_REVIEW_PHOTOS))
          }}
        />
      </label>
      <FormMessage error={error} />
      <button type="submit" className="btn self-start" disabled={busy}>
        {busy ? 'Sending…' : existing ? 'Save changes' : 'Post review'}
      </button>
      <p className="text-xs text-gray-500">
        Reviews are checked and go live within 48 hours. You can edit yours for 30 days.
      </p>
    </form>
  )
}
