'use client'

import { useActionState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { TextField } from '@/components/forms/TextField'
import { useActionForm } from '@/components/forms/useActionForm'
import { beginTwoFactor, type EnrolState, finishTwoFactor } from '@/lib/auth/securityActions'

import { RecoveryCodes } from './RecoveryCodes'

const START: EnrolState = { error: null, secret: null, qrCode: null, recoveryCodes: null }

/** Scan (or type) the secret, prove it with a code, then keep the recovery codes. */
export function TwoFactorSetup() {
  const [started, begin, starting] = useActionState(beginTwoFactor, START)
  const { state, busy, formProps } = useActionForm(finishTwoFactor, START)

  if (state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} />

  if (!started.secret || !started.qrCode) {
    return (
      <form action={begin} className="flex flex-col gap-3">
        <FormMessage error={started.error} />
        <button type="submit" className="btn self-start" disabled={starting}>
          {starting ? 'Preparing…' : 'Set up two-step sign-in'}
        </button>
      </form>
    )
  }

  return (
    <div className="flex flex-col gap-4" data-testid="two-factor-setup">
      <ol className="list-decimal space-y-2 pl-5">
        <li>
          Open an authenticator app (Google Authenticator, 1Password, Microsoft Authenticator…).
        </li>
        <li>Scan this QR code, or add the key below by hand.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div
        className="w-48 self-center rounded-lg border bg-white p-2"
        role="img"
        aria-label="QR code for your authenticator app"
        // Our own SVG from the qrcode package, made from a secret we generated.
        dangerouslySetInnerHTML={{ __html: started.qrCode }}
      />
      <p className="text-sm">
        Key for manual entry (time-based, 6 digits):{' '}
        <code data-testid="totp-secret" className="break-all rounded bg-gray-100 px-1 font-mono">
          {started.secret}
        </code>
      </p>
      <form className="flex flex-col gap-3" {...formProps}>
        <TextField
          label="Code from the app"
          name="code"
          required
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
        />
        <FormMessage error={state.error} />
        <button type="submit" className="btn self-start" disabled={busy}>
          {busy ? 'Checking…' : 'Turn on two-step sign-in'}
        </button>
      </form>
    </div>
  )
}
