'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'

/** Removes one linked provider; the refusal (the last way to sign in) is shown as it comes. */
export function UnlinkProviderButton({ provider, label }: { provider: string; label: string }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const unlink = async () => {
    setBusy(true)
    setError(null)
    const result = await callApi(`/api/users/oauth/${provider}`, { method: 'DELETE' })
    setBusy(false)
    if (!result.ok) return setError(result.message)
    router.refresh()
  }
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        className="btn-secondary self-start"
        disabled={busy}
        onClick={() => void unlink()}
      >
        {busy ? 'Unlinking…' : `Unlink ${label}`}
      </button>
      <FormMessage error={error} />
    </div>
  )
}
