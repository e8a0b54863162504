'use client'

import { requestPasswordReset } from '@/lib/auth/actions'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useActionForm } from './useActionForm'

export function ForgotPasswordForm() {
  const { state, busy, formProps } = useActionForm(requestPasswordReset, {
    error: null,
    email: '',
    sent: false,
  })
  if (state.sent)
    return (
      <FormMessage success="If an account uses that email, we have sent it a link to choose a new password." />
    )
  return (
    <form className="flex flex-col gap-4" {...formProps}>
      <TextField
        label="Email"
        name="email"
        type="email"
        required
        autoComplete="email"
        defaultValue={state.email}
      />
      <FormMessage error={state.error} />
      <button type="submit" className="btn" disabled={busy}>
        Send reset link
      </button>
    </form>
  )
}
