'use client'

import { useActionState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { type EnrolState, newRecoveryCodes } from '@/lib/auth/securityActions'

import { RecoveryCodes } from './RecoveryCodes'

const START: EnrolState = { error: null, secret: null, qrCode: null, recoveryCodes: null }

export function NewRecoveryCodes({ left }: { left: number }) {
  const [state, replace, busy] = useActionState(newRecoveryCodes, START)
  if (state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} />
  return (
    <form action={replace} className="flex flex-col gap-2">
      <p className="text-sm text-gray-600">
        {left} of 10 recovery codes left. New codes replace all the old ones.
      </p>
      <FormMessage error={state.error} />
      <button type="submit" className="btn-secondary self-start" disabled={busy}>
        Make new recovery codes
      </button>
    </form>
  )
}
