'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'

import { FormMessage } from './FormMessage'
import { TextField } from './TextField'
import { useSubmit } from './useSubmit'

type Props = { id: number; firstName: string; lastName: string; phone: string }

export function AccountForm({ id, firstName, lastName, phone }: Props) {
  const router = useRouter()
  const [saved, setSaved] = useState(false)
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    setSaved(false)
    const result = await callApi(`/api/users/${id}`, {
      method: 'PATCH',
      body: {
        firstName: form.get('firstName'),
        lastName: form.get('lastName'),
        phone: form.get('phone'),
      },
    })
    if (!result.ok) return result.message
    setSaved(true)
    router.refresh()
  })
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="First name"
          name="firstName"
          defaultValue={firstName}
          required
          maxLength={100}
        />
        <TextField
          label="Last name"
          name="lastName"
          defaultValue={lastName}
          required
          maxLength={100}
        />
      </div>
      <TextField
        label="Phone (optional)"
        name="phone"
        type="tel"
        defaultValue={phone}
        maxLength={20}
        autoComplete="tel"
      />
      <FormMessage error={error} success={saved ? 'Saved.' : null} />
      <button type="submit" className="btn self-start" disabled={busy}>
        Save changes
      </button>
    </form>
  )
}
