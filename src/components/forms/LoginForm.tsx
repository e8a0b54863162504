'use client'

import Link from 'next/link'
import { useEffect } from 'react'

import { logIn } from '@/lib/auth/actions'
import { forgetStoredPages } from '@/lib/pwa/client'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useActionForm } from './useActionForm'

type Props = {
  next?: string
  /** From a Google or Facebook sign-in of an account with two-step sign-in: the code step. */
  challenge?: string
  email?: string
}

export function LoginForm({ next, challenge, email }: Props) {
  // Whoever signs in next on this device must not find the last person's stored pages.
  useEffect(() => {
    void forgetStoredPages()
  }, [])
  const { state, busy, formProps } = useActionForm(logIn, {
    error: null,
    email: email ?? '',
    challenge: challenge ?? null,
  })
  if (state.challenge) {
    return (
      <form className="flex flex-col gap-4" {...formProps}>
        {next && <input type="hidden" name="next" value={next} />}
        <input type="hidden" name="email" value={state.email} />
        <input type="hidden" name="challenge" value={state.challenge} />
        <p>
          Open your authenticator app and enter the 6-digit code for Event Pros NZ ({state.email}).
        </p>
        <TextField
          label="Authentication code"
          name="code"
          required
          autoFocus
          autoComplete="one-time-code"
          inputMode="text"
          maxLength={16}
          aria-describedby="code-help"
        />
        <p id="code-help" className="text-sm text-gray-600">
          No phone to hand? Enter one of your recovery codes instead (each works once).
        </p>
        <FormMessage error={state.error} />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Checking…' : 'Verify and log in'}
        </button>
        <p className="text-sm">
          <Link href="/login">Start again</Link>
        </p>
      </form>
    )
  }
  return (
    <form className="flex flex-col gap-4" {...formProps}>
      {next && <input type="hidden" name="next" value={next} />}
      <TextField
        label="Email"
        name="email"
        type="email"
        required
        autoComplete="email"
        defaultValue={state.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="current-password"
      />
      <FormMessage error={state.error} />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
      <p className="flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/forgot-password">Forgot your password?</Link>
        <Link href="/signup">Create an account</Link>
      </p>
    </form>
  )
}
