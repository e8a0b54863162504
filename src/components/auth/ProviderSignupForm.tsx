'use client'

import Link from 'next/link'
import { type FormEvent, useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { TextField } from '@/components/forms/TextField'
import { callApi } from '@/lib/kit/apiClient'
import { POLICY_PATHS, POLICY_VERSIONS } from '@/lib/privacy/policies'

type Props = { provider: string; email: string; firstName: string; lastName: string }
type Answer = { next: string }

/** A new person's last step after Google or Facebook: who they are here, and the terms. */
export function ProviderSignupForm({ provider, email, firstName, lastName }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError(null)
    const result = await callApi<{ data: Answer }>('/api/users/oauth/signup', {
      body: {
        role: form.get('role'),
        firstName: form.get('firstName'),
        lastName: form.get('lastName'),
        acceptTerms: form.get('acceptTerms') === 'on',
        acceptPrivacy: form.get('acceptPrivacy') === 'on',
        marketingEmails: form.get('marketingEmails') === 'on',
      },
    })
    setBusy(false)
    if (!result.ok) return setError(result.message)
    window.location.assign(result.data.data.next)
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={(event) => void submit(event)}>
      <p>
        You are joining with your {provider} account <strong>{email}</strong>.
      </p>
      <fieldset className="flex flex-col gap-2">
        <legend className="label mb-1">I am…</legend>
        {(
          [
            ['organizer', 'Planning an event', 'Find vendors, post jobs and compare quotes.'],
            ['vendor', 'An event business', 'Get found by organizers and answer their jobs.'],
          ] as const
        ).map(([value, title, hint]) => (
          <label
            key={value}
            className="card flex cursor-pointer items-start gap-3 p-4 has-checked:border-brand-600 has-checked:ring-1 has-checked:ring-brand-600"
          >
            <input type="radio" name="role" value={value} required className="mt-1 size-4" />
            <span>
              <span className="block font-medium">{title}</span>
              <span className="text-sm text-gray-600">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="First name"
          name="firstName"
          required
          maxLength={100}
          autoComplete="given-name"
          defaultValue={firstName}
        />
        <TextField
          label="Last name"
          name="lastName"
          required
          maxLength={100}
          autoComplete="family-name"
          defaultValue={lastName}
        />
      </div>
      <label className="flex items-start gap-3">
        <input type="checkbox" name="acceptTerms" required className="mt-1 size-5" />
        <span>
          I accept the <Link href={POLICY_PATHS.terms}>terms of use</Link> (version{' '}
          {POLICY_VERSIONS.terms}).
        </span>
      </label>
      <label className="flex items-start gap-3">
        <input type="checkbox" name="acceptPrivacy" required className="mt-1 size-5" />
        <span>
          I have read and accept the <Link href={POLICY_PATHS.privacy}>privacy policy</Link>{' '}
          (version {POLICY_VERSIONS.privacy}).
        </span>
      </label>
      <label className="flex items-start gap-3">
        <input type="checkbox" name="marketingEmails" className="mt-1 size-5" />
        <span>Send me occasional news and tips from Event Pros NZ (optional).</span>
      </label>
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  )
}
