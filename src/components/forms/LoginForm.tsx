'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { callApi } from '@/lib/apiClient'
import { safeNextPath } from '@/lib/safeRedirect'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useSubmit } from './useSubmit'

type LoginResponse = { user: { role: string } }

export function LoginForm({ next }: { next?: string }) {
  const router = useRouter()
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    const result = await callApi<LoginResponse>('/api/users/login', {
      body: { email: form.get('email'), password: form.get('password') },
    })
    if (!result.ok) return result.message
    // A new vendor goes straight on to their profile; everyone else to where they were going.
    const fallback = result.data.user.role === 'vendor' ? '/account/vendor-profile' : '/account'
    router.push(safeNextPath(next, fallback))
    router.refresh()
  })
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit}>
      <TextField label="Email" name="email" type="email" required autoComplete="email" />
      <TextField
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="current-password"
      />
      <FormMessage error={error} />
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
