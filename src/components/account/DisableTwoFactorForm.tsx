'use client'

import { FormMessage } from '@/components/forms/FormMessage'
import { TextField } from '@/components/forms/TextField'
import { useActionForm } from '@/components/forms/useActionForm'
import { turnOffTwoFactor } from '@/lib/auth/securityActions'

export function DisableTwoFactorForm({ staff }: { staff: boolean }) {
  const { state, busy, formProps } = useActionForm(turnOffTwoFactor, { error: null })
  return (
    <form className="flex flex-col gap-3" {...formProps}>
      {staff && (
        <p className="text-sm text-amber-800">
          Your role needs two-step sign-in: without it the admin and staff tools stop working until
          you set it up again.
        </p>
      )}
      <TextField
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="current-password"
      />
      <TextField
        label="Code from your app (or a recovery code)"
        name="code"
        required
        autoComplete="one-time-code"
        maxLength={16}
      />
      <FormMessage error={state.error} />
      <button type="submit" className="btn-secondary self-start" disabled={busy}>
        {busy ? 'Turning off…' : 'Turn off two-step sign-in'}
      </button>
    </form>
  )
}
