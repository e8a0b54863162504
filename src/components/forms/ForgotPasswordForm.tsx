'use client'

import { useState } from 'react'

import { callApi } from '@/lib/apiClient'

import { FormMessage } from './FormMessage'

export function ForgotPasswordForm() {
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  if (done) return <FormMessage success="If an account uses that email, we have sent it a link to choose a new password." />
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (event) => {
        event.preventDefault()
        setBusy(true)
        const result = await callApi('/api/users/forgot-password', {
          body: { email: new FormData(event.currentTarget).get('email') },
        })
        setBusy(false)
        if (result.ok) setDone(true)
        else setError(result.message)
      }}
    >
      <label className="label">Email<input name="email" type="email" required autoComplete="email" className="field" /></label>
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={busy}>Send reset link</button>
    </form>
  )
}
