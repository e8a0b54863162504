'use client'

import Link from 'next/link'

import { logIn } from '@/lib/auth/actions'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useActionForm } from './useActionForm'

export function LoginForm({ next }: { next?: string }) {
  const { state, busy, formProps } = useActionForm(logIn, { error: null, email: '' })
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
