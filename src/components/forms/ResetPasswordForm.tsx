'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { callApi } from '@/lib/apiClient'

import { FormMessage } from './FormMessage'

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (event) => {
        event.preventDefault()
        const form = new FormData(event.currentTarget)
        if (form.get('password') !== form.get('confirm')) {
          setError('The two passwords do not match.')
          return
        }
        setBusy(true)
        const result = await callApi('/api/users/reset-password', {
          body: { token, password: form.get('password') },
        })
        setBusy(false)
        if (!result.ok) return setError(result.message)
        await callApi('/api/users/logout')
        router.push('/login?notice=reset')
      }}
    >
      <label className="label">New password<input name="password" type="password" required minLength={8} maxLength={128} autoComplete="new-password" className="field" /></label>
      <label className="label">Repeat new password<input name="confirm" type="password" required autoComplete="new-password" className="field" /></label>
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={busy}>Set new password</button>
    </form>
  )
}
