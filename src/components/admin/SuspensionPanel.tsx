'use client'

import { useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'

import { ActionMessage, type ActionOutcome } from './ActionMessage'

type Result = { data: { suspendedAt: string | null } }

const when = (iso: string) =>
  new Intl.DateTimeFormat('en-NZ', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Pacific/Auckland',
  }).format(new Date(iso))

/**
 * On an account's page: whether it is suspended, since when and why (staff see it); admins
 * suspend it with a reason, which is emailed to the person, or lift the suspension.
 */
export function SuspensionPanel() {
  const { user } = useAuth<{ id?: number; role?: string }>()
  const { id } = useDocumentInfo()
  const router = useRouter()
  const storedAt = useFormFields(([fields]) => fields.suspendedAt?.value as string | null)
  const storedReason = useFormFields(([fields]) => fields.suspensionReason?.value as string | null)
  const role = useFormFields(([fields]) => fields.role?.value as string | undefined)
  const [suspendedAt, setSuspendedAt] = useState<string | null | undefined>(undefined)
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<ActionOutcome>(null)

  if (!id) return null
  const current = suspendedAt === undefined ? storedAt : suspendedAt
  const canAct = user?.role === 'admin' && user.id !== id && role !== 'admin'

  const send = async (action: 'suspend' | 'unsuspend') => {
    if (action === 'suspend' && reason.trim().length < 5) {
      setMessage({
        text: 'Give a reason of a few words: it is emailed to the person.',
        error: true,
      })
      return
    }
    setBusy(true)
    setMessage(null)
    const result = await callApi<Result>(`/api/users/${id}/${action}`, {
      body: action === 'suspend' ? { reason: reason.trim() } : {},
    })
    setBusy(false)
    if (!result.ok) {
      setMessage({ text: result.message, error: true })
      return
    }
    setSuspendedAt(result.data.data.suspendedAt)
    setAsking(false)
    setReason('')
    setMessage({
      text:
        action === 'suspend'
          ? 'Suspended: their sessions have ended and they have been emailed the reason.'
          : 'Suspension lifted: they can sign in again and have been told.',
      error: false,
    })
    router.refresh()
  }

  return (
    <fieldset
      style={{ border: '1px solid var(--theme-elevation-150)', padding: 16, marginBottom: 24 }}
    >
      <legend>Suspension</legend>
      {current ? (
        <p style={{ margin: '0 0 8px', color: 'var(--theme-error-500)', fontWeight: 600 }}>
          Suspended since {when(current)}
          {suspendedAt === undefined && storedReason ? `: ${storedReason}` : ''}
        </p>
      ) : (
        <p style={{ margin: '0 0 8px' }}>Not suspended.</p>
      )}
      {canAct && !current && !asking && (
        <button type="button" onClick={() => setAsking(true)} disabled={busy}>
          Suspend this account…
        </button>
      )}
      {canAct && !current && asking && (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void send('suspend')
          }}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        >
          <label style={{ display: 'flex', flexDirection: 'column' }}>
            Reason (emailed to the person, kept in the audit log)
            <textarea
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              rows={3}
              maxLength={1000}
              required
            />
          </label>
          <div style={{ display: 'flex', gap: 8 }}>
            <button type="submit" disabled={busy}>
              {busy ? 'Suspending…' : 'Suspend: end their sessions and hide their profile'}
            </button>
            <button type="button" onClick={() => setAsking(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {canAct && current && (
        <button type="button" onClick={() => void send('unsuspend')} disabled={busy}>
          {busy ? 'Lifting…' : 'Lift the suspension'}
        </button>
      )}
      <ActionMessage message={message} />
    </fieldset>
  )
}
