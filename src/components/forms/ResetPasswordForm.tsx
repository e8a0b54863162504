'use client'

import { resetPassword } from '@/lib/auth/actions'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useActionForm } from './useActionForm'

export function ResetPasswordForm({ token }: { token: string }) {
  const { state, busy, formProps } = useActionForm(resetPassword, { error: null })
  return (
    <form className="flex flex-col gap-4" {...formProps}>
      {/* The code from the emailed link travels in the post, never in another address. */}
      <input type="hidden" name="token" value={token} />
      <TextField
        label="New password"
        name="password"
        type="password"
        required
        minLength={8}
        maxLength={128}
        autoComplete="new-password"
      />
      <TextField
        label="Repeat new password"
        name="confirm"
        type="password"
        required
        autoComplete="new-password"
      />
      <FormMessage error={state.error} />
      <button type="submit" className="btn" disabled={busy}>
        Set new password
      </button>
    </form>
  )
}
