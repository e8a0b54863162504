'use client'

import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { TextField } from '@/components/forms/TextField'
import { callApi } from '@/lib/kit/apiClient'

type Answer = { message: string }

/** Asks for the password (and code) again, then `DELETE /api/users/me`. */
export function DeleteAccountForm({ twoFactor }: { twoFactor: boolean }) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  if (done) {
    return (
      <div className="flex flex-col gap-3">
        <FormMessage success={done} />
        <p className="text-sm text-gray-600">You have been signed out on every device.</p>
        <a className="btn-secondary self-start" href="/login">
          Sign in to keep my account
        </a>
      </div>
    )
  }
  if (!open) {
    return (
      <button type="button" className="btn-secondary self-start" onClick={() => setOpen(true)}>
        Delete my account
      </button>
    )
  }
  const submit = async (form: FormData) => {
    setBusy(true)
    setError(null)
    const result = await callApi<Answer>('/api/users/me', {
      method: 'DELETE',
      body: { password: form.get('password'), code: form.get('code') ?? undefined },
    })
    setBusy(false)
    if (!result.ok) setError(result.message)
    else setDone(result.data.message)
  }
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        void submit(new FormData(event.currentTarget))
      }}
    >
      <TextField
        label="Your password"
        name="password"
        type="password"
        required
        autoComplete="current-password"
      />
      {twoFactor && (
        <TextField
          label="Code from your app (or a recovery code)"
          name="code"
          required
          autoComplete="one-time-code"
          maxLength={16}
        />
      )}
      <FormMessage error={error} />
      <p className="flex flex-wrap gap-3">
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Deleting…' : 'Delete my account in 14 days'}
        </button>
        <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
          Keep my account
        </button>
      </p>
    </form>
  )
}
