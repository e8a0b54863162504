'use client'

import { useRouter } from 'next/navigation'
import { type FormEvent, useRef, useState } from 'react'

import { CategoryPicker } from '@/components/forms/CategoryPicker'
import { FormMessage } from '@/components/forms/FormMessage'
import { TextField } from '@/components/forms/TextField'
import { PlaceInput } from '@/components/search/PlaceInput'
import { EVENT_TYPES } from '@/lib/constants'
import { callApi } from '@/lib/kit/apiClient'
import type { CategoryGroup } from '@/lib/marketplace/queries'

const STEPS = ['Your event', 'Where and budget', 'Who you need', 'Quotes'] as const

/** A date input's day as an instant at the end of that day in New Zealand (UTC+12/13). */
const endOfNzDay = (day: string) => `${day}T10:59:00.000Z`

const todayIso = () => new Date().toISOString().slice(0, 10)

/** Checks the browser cannot: the rules the server also enforces, said before a round trip. */
const stepProblem = (step: number, form: HTMLFormElement, inviting: boolean): string | null => {
  const value = (name: string) => String(new FormData(form).get(name) ?? '')
  if (step === 0 && value('eventDate') && value('eventDate') < todayIso()) {
    return 'The event date cannot be in the past.'
  }
  if (step === 1) {
    const min = Number(value('budgetMin'))
    const max = Number(value('budgetMax'))
    if (value('budgetMin') && value('budgetMax') && min > max) {
      return 'The maximum budget must be at least the minimum.'
    }
  }
  if (step === 2 && new FormData(form).getAll('categories').length === 0) {
    return 'Choose at least one kind of vendor.'
  }
  if (step === 3) {
    const deadline = value('applicationDeadline')
    if (deadline && deadline < todayIso()) return 'The quote deadline must be in the future.'
    if (deadline && deadline > value('eventDate'))
      return 'Quotes must close on or before the event date.'
    // An invited vendor is given a day to answer (the server refuses a request with less).
    if (inviting && deadline && deadline <= todayIso()) {
      return 'The vendors you are asking need a day to answer: let quotes close tomorrow or later.'
    }
  }
  return null
}

/**
 * Post a job in four short steps, each checked before the next, then publish it or keep it as
 * a draft. Every step stays in the form, so going back keeps what was typed.
 */
/** Vendors to invite once the job is published, and what their profiles prefill. */
export type JobInvite = {
  vendors: { id: number; name: string }[]
  categories: number[]
  city: string
}

export function PostJobForm({
  groups,
  quoteCap,
  invite,
}: {
  groups: CategoryGroup[]
  quoteCap: number
  invite?: JobInvite
}) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [step, setStep] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const checkStep = (): boolean => {
    const form = formRef.current!
    const fields = form.querySelectorAll<HTMLInputElement>(`[data-step="${step}"] [name]`)
    for (const field of fields) {
      if (!field.checkValidity()) {
        field.reportValidity()
        return false
      }
    }
    const problem = stepProblem(step, form, Boolean(invite))
    setError(problem)
    return !problem
  }

  const next = () => {
    if (checkStep()) setStep((current) => Math.min(current + 1, STEPS.length - 1))
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!checkStep()) return
    const form = new FormData(event.currentTarget)
    const publish =
      (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'publish'
    const text = (name: string) => String(form.get(name) ?? '').trim()
    setBusy(true)
    setError(null)
    const created = await callApi<{ doc: { id: number } }>('/api/jobs', {
      body: {
        title: text('title'),
        description: text('description'),
        eventType: text('eventType'),
        eventDate: text('eventDate'),
        eventTime: text('eventTime') || undefined,
        guestCount: Number(text('guestCount')),
        budgetMin: Number(text('budgetMin')),
        budgetMax: Number(text('budgetMax')),
        location: { city: text('city'), address: text('address') || undefined },
        categories: form.getAll('categories').map(Number),
        specialRequirements: text('specialRequirements') || undefined,
        applicationDeadline: text('applicationDeadline')
          ? endOfNzDay(text('applicationDeadline'))
          : undefined,
        isUrgent: form.get('isUrgent') === 'on',
      },
    })
    if (!created.ok) {
      setBusy(false)
      setError(created.message)
      return
    }
    const id = created.data.doc.id
    if (publish) {
      const published = await callApi(`/api/jobs/${id}/publish`)
      if (!published.ok) {
        const unsent = invite ? ' Your request for quotes was not sent either.' : ''
        router.push(`/my-jobs/${id}?notice=${encodeURIComponent(`${published.message}${unsent}`)}`)
        return
      }
      if (invite) {
        const invited = await callApi(`/api/jobs/${id}/invitations`, {
          body: { vendors: invite.vendors.map((vendor) => vendor.id) },
        })
        if (!invited.ok) {
          const notice = `Your job is published, but the request was not sent: ${invited.message}`
          router.push(`/my-jobs/${id}?notice=${encodeURIComponent(notice)}`)
          return
        }
      }
    }
    router.push(`/my-jobs/${id}`)
    router.refresh()
  }

  return (
    <form ref={formRef} className="flex flex-col gap-5" onSubmit={submit} noValidate={false}>
      <ol className="flex gap-2 text-xs sm:text-sm" aria-label="Steps">
        {STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index === step ? 'step' : undefined}
            className={`flex-1 rounded-lg px-2 py-1 text-center ${index === step ? 'bg-brand-700 text-white' : index < step ? 'bg-brand-100 text-brand-800' : 'bg-gray-100 text-gray-600'}`}
          >
            <span className="sr-only">Step {index + 1}: </span>
            {label}
          </li>
        ))}
      </ol>

      <fieldset data-step="0" hidden={step !== 0} className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">Your event</legend>
        <label className="label">
          Type of event
          <select name="eventType" required className="field" defaultValue="">
            <option value="" disabled>
              Choose one
            </option>
            {EVENT_TYPES.map((type) => (
              <option key={type.value} value={type.value}>
                {type.label}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Job title"
          name="title"
          required
          minLength={5}
          maxLength={150}
          placeholder="Photographer for our garden wedding"
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField label="Event date" name="eventDate" type="date" required />
          <TextField label="Start time (optional)" name="eventTime" type="time" />
        </div>
        <TextField
          label="Number of guests"
          name="guestCount"
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={100000}
          step={1}
        />
      </fieldset>

      <fieldset data-step="1" hidden={step !== 1} className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">Where and budget</legend>
        <label className="label" htmlFor="job-city">
          Town or city
        </label>
        <div className="-mt-3">
          <PlaceInput
            id="job-city"
            name="city"
            defaultValue={invite?.city ?? ''}
            placeholder="Start typing a town"
            required
            townsOnly
          />
        </div>
        <TextField
          label="Street address (optional, shown only to the vendor you book)"
          name="address"
          maxLength={200}
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField
            label="Budget from (NZ$)"
            name="budgetMin"
            type="number"
            inputMode="numeric"
            required
            min={0}
            step={1}
          />
          <TextField
            label="Budget up to (NZ$)"
            name="budgetMax"
            type="number"
            inputMode="numeric"
            required
            min={1}
            step={1}
          />
        </div>
      </fieldset>

      <fieldset data-step="2" hidden={step !== 2} className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">Who you need</legend>
        <CategoryPicker groups={groups} defaultChosen={invite?.categories} />
        <label className="label">
          Describe the job
          <textarea
            name="description"
            required
            minLength={20}
            maxLength={5000}
            rows={5}
            className="field py-2"
            placeholder="What you need, the feel of the day, anything vendors should know."
          />
        </label>
        <label className="label">
          Special requirements (optional)
          <textarea
            name="specialRequirements"
            maxLength={2000}
            rows={3}
            className="field py-2"
            placeholder="Dietary needs, access, power, parking…"
          />
        </label>
      </fieldset>

      <fieldset data-step="3" hidden={step !== 3} className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">Quotes</legend>
        <TextField
          label="Quotes close on (optional)"
          name="applicationDeadline"
          type="date"
          min={todayIso()}
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isUrgent" className="size-4" /> This is urgent: show it first
          on the job board
        </label>
        {invite && (
          <p className="rounded-lg bg-brand-50 p-3 text-sm text-ink" data-testid="invite-note">
            When you publish, we ask {invite.vendors.map((vendor) => vendor.name).join(', ')} to
            quote. A draft asks nobody: once it is published, request a quote from the vendor’s
            page.
          </p>
        )}
        <p className="text-sm text-gray-600">
          Vendors whose services and area match are told about your job. You will get up to{' '}
          {quoteCap} quotes and can compare them side by side.
        </p>
      </fieldset>

      <FormMessage error={error} />

      <div className="flex flex-wrap gap-3">
        {step > 0 && (
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              setError(null)
              setStep(step - 1)
            }}
          >
            Back
          </button>
        )}
        {step < STEPS.length - 1 ? (
          <button type="button" className="btn" onClick={next}>
            Next
          </button>
        ) : (
          <>
            <button type="submit" name="intent" value="publish" className="btn" disabled={busy}>
              {busy ? 'Posting…' : invite ? 'Publish and request quotes' : 'Publish job'}
            </button>
            <button
              type="submit"
              name="intent"
              value="draft"
              className="btn-secondary"
              disabled={busy}
            >
              Save as draft
            </button>
          </>
        )}
      </div>
    </form>
  )
}
