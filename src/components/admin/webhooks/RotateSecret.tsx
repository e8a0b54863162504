'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'

import { ActionMessage, type ActionOutcome } from '../ActionMessage'

type Rotated = { data: { secret: string; previousValidUntil: string } }

/**
 * The signing secret is never readable: this makes a new one and shows it this once (the old
 * one keeps signing for a day, so the receiver can switch without missing an event).
 */
export function RotateSecret() {
  const { id } = useDocumentInfo()
  const [busy, setBusy] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)
  const [message, setMessage] = useState<ActionOutcome>(null)
  if (!id) {
    return (
      <p>
        The signing secret is shown once the endpoint is saved: create it over the API to receive it
        in the answer, or save here and rotate.
      </p>
    )
  }
  const rotate = async () => {
    setBusy(true)
    setMessage(null)
    const result = await callApi<Rotated>(`/api/webhook-endpoints/${id}/rotate-secret`, {
      body: {},
    })
    setBusy(false)
    if (result.ok) {
      setSecret(result.data.data.secret)
      setMessage({
        text: `Copy it now: it is not shown again. The old secret also signs until ${new Date(result.data.data.previousValidUntil).toLocaleString()}.`,
        error: false,
      })
    } else setMessage({ text: result.message, error: true })
  }
  return (
    <div style={{ marginBottom: 24 }}>
      <p style={{ margin: '0 0 8px' }}>Signing secret</p>
      {secret ? (
        <output
          aria-label="New signing secret"
          style={{ display: 'block', wordBreak: 'break-all', fontFamily: 'monospace' }}
        >
          {secret}
        </output>
      ) : (
        <Button buttonStyle="secondary" size="small" disabled={busy} onClick={rotate}>
          {busy ? 'Making a new secret…' : 'Show a new secret'}
        </Button>
      )}
      <ActionMessage message={message} />
    </div>
  )
}
