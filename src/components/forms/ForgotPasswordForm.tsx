'use client'

import { useState } from 'react'

import { callApi } from '@/lib/apiClient'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useSubmit } from './useSubmit'

export function ForgotPasswordForm() {
  const [done, setDone] = useState(false)
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    const result = await callApi('/api/users/forgot-password', {
      body: { email: form.get('email') },
    })
    if (!result.ok) return result.message
    setDone(true)
  })
  if (done)
    return (
      <FormMessage success="If an account uses that email, we have sent it a link to choose a new password." />
    )
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit}>
      <TextField label="Email" name="email" type="email" required autoComplete="email" />
      <FormMessage error={error} />
      <button type="submit" className="btn" disabled={busy}>
        Send reset link
      </button>
    </form>
  )
}
