'use client'

import { useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'

const nzd = (cents: number) =>
  new Intl.NumberFormat('en-NZ', { style: 'currency', currency: 'NZD' }).format(cents / 100)

/** On a payment's page, for admins: refund all or part of what is left, with a reason. */
export function RefundField() {
  const { user } = useAuth<{ role?: string }>()
  const { id } = useDocumentInfo()
  const router = useRouter()
  const amount = useFormFields(([fields]) => Number(fields.amountCents?.value ?? 0))
  const refunded = useFormFields(([fields]) => Number(fields.refundedCents?.value ?? 0))
  const status = useFormFields(([fields]) => String(fields.status?.value ?? ''))
  const [dollars, setDollars] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const refundable = amount - refunded
  if (user?.role !== 'admin' || !id || status === 'failed' || refundable <= 0) return null

  const refund = async () => {
    const cents = dollars.trim() === '' ? refundable : Math.round(Number(dollars) * 100)
    if (!Number.isFinite(cents) || cents < 1 || cents > refundable) {
      setMessage({ text: `Enter an amount up to ${nzd(refundable)}.`, error: true })
      return
    }
    setBusy(true)
    setMessage(null)
    const result = await callApi<{ message: string }>(`/api/payments/${id}/refund`, {
      body: { amountCents: cents, ...(reason.trim() && { reason: reason.trim() }) },
    })
    setBusy(false)
    setMessage(
      result.ok
        ? { text: result.data.message, error: false }
        : { text: result.message, error: true },
    )
    if (result.ok) router.refresh()
  }

  return (
    <fieldset
      style={{ border: '1px solid var(--theme-elevation-150)', padding: 16, marginBottom: 24 }}
    >
      <legend>Refund (up to {nzd(refundable)})</legend>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'end' }}>
        <label style={{ display: 'flex', flexDirection: 'column' }}>
          Amount in NZD (empty = all)
          <input
            inputMode="decimal"
            value={dollars}
            onChange={(event) => setDollars(event.target.value)}
            placeholder={(refundable / 100).toFixed(2)}
          />
        </label>
        <label style={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 200 }}>
          Reason (kept in the audit log)
          <input
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <button type="button" onClick={refund} disabled={busy}>
          {busy ? 'Refunding…' : 'Refund through Stripe'}
        </button>
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} style={{ margin: '8px 0 0' }}>
          {message.text}
        </p>
      )}
    </fieldset>
  )
}
