'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'

export type PlanAction =
  | { kind: 'checkout'; tier: string }
  | { kind: 'upgrade'; tier: string; subscriptionId: number }
  | { kind: 'change'; tier: string; subscriptionId: number }
  | { kind: 'cancel'; subscriptionId: number }
  | { kind: 'resume'; subscriptionId: number }
  | { kind: 'portal' }

const request = (action: PlanAction): [string, { method?: string; body?: unknown }] => {
  switch (action.kind) {
    case 'checkout':
      return ['/api/subscriptions', { body: { tier: action.tier } }]
    case 'upgrade':
      return [
        `/api/subscriptions/${action.subscriptionId}/upgrade`,
        { body: { tier: action.tier } },
      ]
    case 'change':
      return [
        `/api/subscriptions/${action.subscriptionId}`,
        { method: 'PUT', body: { tier: action.tier } },
      ]
    case 'cancel':
      return [
        `/api/subscriptions/${action.subscriptionId}`,
        { method: 'PUT', body: { cancelAtPeriodEnd: true } },
      ]
    case 'resume':
      return [
        `/api/subscriptions/${action.subscriptionId}`,
        { method: 'PUT', body: { cancelAtPeriodEnd: false } },
      ]
    case 'portal':
      return ['/api/billing/portal', {}]
  }
}

/**
 * One billing action: Checkout and the Billing Portal leave for Stripe's page; changes to a
 * subscription are applied and the page is refreshed with the new state.
 */
export function PlanButton({
  action,
  label,
  className,
  style,
}: {
  action: PlanAction
  label: string
  className?: string
  style?: React.CSSProperties
}) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const run = async () => {
    setBusy(true)
    setMessage(null)
    const [url, init] = request(action)
    const result = await callApi<{ checkoutUrl?: string; url?: string; message?: string }>(
      url,
      init,
    )
    if (!result.ok) {
      setBusy(false)
      setMessage({ text: result.message, error: true })
      return
    }
    const destination = result.data.checkoutUrl ?? result.data.url
    if (destination) {
      window.location.assign(destination)
      return
    }
    setBusy(false)
    setMessage({ text: result.data.message ?? 'Done.', error: false })
    router.refresh()
  }

  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 4 }}>
      <button type="button" onClick={run} disabled={busy} className={className} style={style}>
        {busy ? 'One moment…' : label}
      </button>
      {message && (
        <span
          role={message.error ? 'alert' : 'status'}
          style={{ fontSize: 14, color: message.error ? '#b91c1c' : undefined }}
        >
          {message.text}
        </span>
      )}
    </span>
  )
}
