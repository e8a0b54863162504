'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'

/**
 * Opens (or reopens) the conversation with a vendor (`vendorId`, for organizers) or with the
 * organizer of a job the vendor quoted on (`jobId`), and goes to it.
 */
export function MessageButton({
  vendorId,
  jobId,
  label,
  variant = 'secondary',
}: {
  vendorId?: number
  jobId?: number
  label: string
  variant?: 'primary' | 'secondary'
}) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const open = async () => {
    setBusy(true)
    setError(null)
    const result = await callApi<{ data: { thread: { id: number } } }>('/api/messages/threads', {
      body: vendorId ? { vendor: vendorId, ...(jobId ? { job: jobId } : {}) } : { job: jobId },
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      return
    }
    router.push(`/inbox/${result.data.data.thread.id}`)
  }
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        className={variant === 'primary' ? 'btn' : 'btn-secondary'}
        onClick={open}
        disabled={busy}
      >
        {busy ? 'Opening…' : label}
      </button>
      <FormMessage error={error} />
    </div>
  )
}
