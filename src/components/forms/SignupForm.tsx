'use client'

import Link from 'next/link'

import { signUp } from '@/lib/auth/actions'
import { POLICY_PATHS, POLICY_VERSIONS } from '@/lib/privacy/policies'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useActionForm } from './useActionForm'

export function SignupForm({ initialRole }: { initialRole: 'organizer' | 'vendor' }) {
  const { state, busy, formProps } = useActionForm(signUp, {
    error: null,
    values: null,
    sentTo: null,
  })
  const role = state.values?.role || initialRole

  if (state.sentTo) {
    return (
      <div className="card flex flex-col gap-3 p-6" role="status">
        <h2 className="text-lg font-semibold">Check your email</h2>
        <p>
          We sent a link to <strong>{state.sentTo}</strong>. Open it to confirm your address, then{' '}
          <Link href="/login">log in</Link>.
        </p>
      </div>
    )
  }

  return (
    <form className="flex flex-col gap-4" {...formProps}>
      <fieldset className="flex flex-col gap-2">
        <legend className="label mb-1">I am…</legend>
        {(
          [
            ['organizer', 'Planning an event', 'Find vendors, post jobs and compare quotes.'],
            ['vendor', 'An event business', 'Get found by organizers and answer their jobs.'],
          ] as const
        ).map(([value, title, hint]) => (
          // The checked card is styled by CSS, so it follows the choice before scripts load.
          <label
            key={value}
            className="card flex cursor-pointer items-start gap-3 p-4 has-checked:border-brand-600 has-checked:ring-1 has-checked:ring-brand-600"
          >
            <input
              type="radio"
              name="role"
              value={value}
              defaultChecked={role === value}
              className="mt-1 size-4"
            />
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
          defaultValue={state.values?.firstName}
        />
        <TextField
          label="Last name"
          name="lastName"
          required
          maxLength={100}
          autoComplete="family-name"
          defaultValue={state.values?.lastName}
        />
      </div>
      <TextField
        label="Email"
        name="email"
        type="email"
        required
        autoComplete="email"
        defaultValue={state.values?.email}
      />
      <label className="label">
        Password
        <input
          name="password"
          type="password"
          required
          minLength={8}
          maxLength={128}
          autoComplete="new-password"
          className="field"
          aria-describedby="password-hint"
        />
        <span id="password-hint" className="mt-1 block text-xs font-normal text-gray-500">
          8–128 characters with upper and lower case letters, a digit and a symbol.
        </span>
      </label>
      <fieldset className="flex flex-col gap-3 text-sm">
        <legend className="sr-only">Terms, privacy and email</legend>
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            name="acceptTerms"
            required
            defaultChecked={state.values?.acceptTerms}
            className="mt-0.5 size-5 shrink-0"
          />
          <span>
            I accept the{' '}
            <Link href={POLICY_PATHS.terms} target="_blank">
              terms of use
            </Link>{' '}
            (version {POLICY_VERSIONS.terms}).
          </span>
        </label>
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            name="acceptPrivacy"
            required
            defaultChecked={state.values?.acceptPrivacy}
            className="mt-0.5 size-5 shrink-0"
          />
          <span>
            I have read and accept the{' '}
            <Link href={POLICY_PATHS.privacy} target="_blank">
              privacy policy
            </Link>{' '}
            (version {POLICY_VERSIONS.privacy}): what we keep about me, who sees it and for how
            long.
          </span>
        </label>
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            name="marketingEmails"
            defaultChecked={state.values?.marketingEmails ?? false}
            className="mt-0.5 size-5 shrink-0"
          />
          <span>
            Optional: send me news and offers from Event Pros NZ. You can turn this off at any time
            on your account page.
          </span>
        </label>
      </fieldset>
      <FormMessage error={state.error} />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? 'Creating your account…' : 'Create account'}
      </button>
      <p className="text-sm text-gray-600">
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </form>
  )
}
