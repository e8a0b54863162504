'use client'

import { useSearchParams } from 'next/navigation'

import { FormMessage } from '@/components/forms/FormMessage'
import { oauthErrorMessage, providerLabel } from '@/lib/auth/oauth/messages'

/** What the last trip to Google or Facebook from this page did, from the address it came back to. */
export function LinkedAccountsNotice() {
  const params = useSearchParams()
  const linked = params.get('linked')
  return (
    <FormMessage
      error={oauthErrorMessage(params.get('oauthError'), params.get('provider'))}
      success={
        linked
          ? `${providerLabel(linked)} is linked: you can now log in with it as well.`
          : undefined
      }
    />
  )
}
