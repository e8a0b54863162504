'use client'

import { useRouter } from 'next/navigation'
import { callApi } from '@/lib/apiClient'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useSubmit } from './useSubmit'

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter()
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    if (form.get('password') !== form.get('confirm')) return 'The two passwords do not match.'
    const result = await callApi('/api/users/reset-password', {
      body: { token, password: form.get('password') },
    })
    if (!result.ok) return result.message
    await callApi('/api/users/logout')
    router.push('/login?notice=reset')
  })
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit}>
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
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={busy}>
        Set new password
      </button>
    </form>
  )
}
