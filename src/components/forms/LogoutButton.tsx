'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'
import { forgetStoredPages } from '@/lib/pwa/client'

export function LogoutButton() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="font-medium text-gray-600 hover:text-ink"
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        await callApi('/api/users/logout')
        await forgetStoredPages()
        router.push('/')
        router.refresh()
      }}
    >
      Log out
    </button>
  )
}
