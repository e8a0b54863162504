'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'

export type ModerationAction = {
  /** Sent as `action` (or `decision`) to the endpoint. */
  value: string
  label: string
  /** A refusal needs a reason: it is emailed to the person affected. */
  needsReason?: boolean
  tone?: 'primary' | 'danger'
}

type Props = {
  endpoint: string
  actions: ModerationAction[]
  /** The JSON key the endpoint reads the action from, and the one for the reason. */
  actionKey?: 'action' | 'decision'
  reasonKey?: 'reason' | 'notes'
}

const button = (tone: ModerationAction['tone']): React.CSSProperties => ({
  padding: '6px 12px',
  borderRadius: 4,
  border: '1px solid var(--theme-elevation-250)',
  cursor: 'pointer',
  fontWeight: 500,
  // Dark enough for white text (WCAG AA): Payload's -500 success and error colours are not.
  background:
    tone === 'primary' ? '#0f766e' : tone === 'danger' ? '#b91c1c' : 'var(--theme-elevation-50)',
  color: tone ? '#fff' : 'var(--theme-text)',
})

/** One-click moderation: approve at once, or reject with a reason that is emailed. */
export function ModerationActions({
  endpoint,
  actions,
  actionKey = 'action',
  reasonKey = 'reason',
}: Props) {
  const router = useRouter()
  const [asking, setAsking] = useState<ModerationAction | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const send = async (action: ModerationAction) => {
    setBusy(true)
    setError(null)
    const result = await callApi(endpoint, {
      body: { [actionKey]: action.value, ...(reason.trim() ? { [reasonKey]: reason.trim() } : {}) },
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      return
    }
    setAsking(null)
    setReason('')
    router.refresh()
  }

  if (asking) {
    return (
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (reason.trim().length < 5) {
            setError('Give a reason of a few words: it is emailed to the person affected.')
            return
          }
          void send(asking)
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 560 }}
      >
        <label style={{ fontWeight: 500 }}>
          Reason for “{asking.label}” (emailed to the person affected)
          <textarea
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            rows={3}
            maxLength={1000}
            required
            autoFocus
            style={{ display: 'block', width: '100%', marginTop: 4, padding: 8 }}
          />
        </label>
        {error && (
          <p role="alert" style={{ color: 'var(--theme-error-500)', margin: 0 }}>
            {error}
          </p>
        )}
        <div style={{ display: 'flex', gap: 8 }}>
          <button type="submit" disabled={busy} style={button(asking.tone)}>
            {busy ? 'Sending…' : `Confirm: ${asking.label}`}
          </button>
          <button
            type="button"
            onClick={() => {
              setAsking(null)
              setError(null)
            }}
            style={button(undefined)}
          >
            Cancel
          </button>
        </div>
      </form>
    )
  }

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      {actions.map((action) => (
        <button
          key={action.value}
          type="button"
          disabled={busy}
          onClick={() => (action.needsReason ? setAsking(action) : void send(action))}
          style={button(action.tone)}
        >
          {action.label}
        </button>
      ))}
      {error && (
        <p role="alert" style={{ color: 'var(--theme-error-500)', margin: 0 }}>
          {error}
        </p>
      )}
    </div>
  )
}
