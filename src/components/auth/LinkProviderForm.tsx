'use client'

import Link from 'next/link'
import { type FormEvent, useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { TextField } from '@/components/forms/TextField'
import { callApi } from '@/lib/kit/apiClient'

/** The password of the existing account, which proves it is theirs before the link is made. */
export function LinkProviderForm({ provider }: { provider: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const password = new FormData(event.currentTarget).get('password')
    setBusy(true)
    setError(null)
    const result = await callApi<{ data: { next: string } }>('/api/users/oauth/link', {
      body: { password },
    })
    setBusy(false)
    if (!result.ok) return setError(result.message)
    window.location.assign(result.data.data.next)
  }
  return (
    <form className="flex flex-col gap-4" onSubmit={(event) => void submit(event)}>
      <TextField
        label="Password"
        name="password"
        type="password"
        required
        autoFocus
        autoComplete="current-password"
      />
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? 'Checking…' : `Link ${provider} and log in`}
      </button>
      <p className="flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/forgot-password">Forgot your password?</Link>
        <Link href="/login">Not now</Link>
      </p>
    </form>
  )
}
