'use client'

import { useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'

import { ActionMessage, type ActionOutcome } from './ActionMessage'

/**
 * On an account's page, for admins: make the "Download my data" file for a request received by
 * email. The admin, not the person, is emailed the download; both steps are audited.
 */
export function DataExportField() {
  const { user } = useAuth<{ id?: number; role?: string }>()
  const { id } = useDocumentInfo()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<ActionOutcome>(null)

  if (user?.role !== 'admin' || !id || id === user.id) return null

  const make = async () => {
    setBusy(true)
    setMessage(null)
    const result = await callApi<{ data: { id: number } }>(`/api/users/${id}/export`, {
      body: reason.trim() ? { reason: reason.trim() } : {},
    })
    setBusy(false)
    setMessage(
      result.ok
        ? {
            text: `Export ${result.data.data.id} is being made. We will email you the download link when it is ready.`,
            error: false,
          }
        : { text: result.message, error: true },
    )
  }

  return (
    <fieldset
      style={{ border: '1px solid var(--theme-elevation-150)', padding: 16, marginBottom: 24 }}
    >
      <legend>Export this person’s data</legend>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'end' }}>
        <label style={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 200 }}>
          The request (kept in the audit log)
          <input
            value={reason}
            maxLength={500}
            placeholder="Emailed request of 1 December from their account address"
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <button type="button" onClick={make} disabled={busy}>
          {busy ? 'Asking…' : 'Make the export'}
        </button>
      </div>
      <ActionMessage message={message} />
    </fieldset>
  )
}
