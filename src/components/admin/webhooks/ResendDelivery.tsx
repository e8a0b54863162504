'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'

import { ActionMessage, type ActionOutcome } from '../ActionMessage'

/** Sends the event again, same id and body, with a new round of retries. */
export function ResendDelivery() {
  const { id } = useDocumentInfo()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<ActionOutcome>(null)
  if (!id) return null
  const resend = async () => {
    setBusy(true)
    setMessage(null)
    const result = await callApi(`/api/webhook-deliveries/${id}/resend`, { body: {} })
    setBusy(false)
    setMessage(
      result.ok
        ? { text: 'Queued: it is sent within seconds. Refresh to see the outcome.', error: false }
        : { text: result.message, error: true },
    )
  }
  return (
    <div style={{ marginBottom: 24 }}>
      <Button buttonStyle="secondary" size="small" disabled={busy} onClick={resend}>
        {busy ? 'Queuing…' : 'Send again'}
      </Button>
      <ActionMessage message={message} />
    </div>
  )
}
