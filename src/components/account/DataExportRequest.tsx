'use client'

import { useEffect, useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'
import {
  type DataExportView,
  downloadPath,
  formatBytes,
  formatNzMoment,
} from '@/lib/privacy/export/statuses'

const POLL_MS = 4000
/** Followed for 15 minutes at most; the email says when a slower one is ready. */
const MAX_POLLS = (15 * 60 * 1000) / POLL_MS

/** Expired by the clock even before the nightly clean-up marks it so. */
const isLive = (view: DataExportView) =>
  view.status === 'ready' && view.expiresAt !== null && new Date(view.expiresAt) > new Date()

function ExportState({ view }: { view: DataExportView }) {
  if (view.status === 'queued') {
    return (
      <p role="status" className="text-sm text-gray-700">
        We are putting your file together. We will email you when it is ready, usually within a few
        minutes; you can leave this page.
      </p>
    )
  }
  if (isLive(view)) {
    return (
      <div className="flex flex-col gap-2">
        <a
          className="btn self-start"
          href={downloadPath(view.id)}
          download
          data-testid="data-export-download"
        >
          Download your file{view.sizeBytes ? ` (${formatBytes(view.sizeBytes)})` : ''}
        </a>
        <p className="text-sm text-gray-700">
          The link works until {formatNzMoment(view.expiresAt!)}, and only while you are signed in.
        </p>
      </div>
    )
  }
  if (view.status === 'failed') {
    return (
      <FormMessage error="We could not put your last file together. Please ask for it again." />
    )
  }
  return (
    <p className="text-sm text-gray-700">
      Your last file (made {formatNzMoment(view.createdAt)}) has expired. Ask for a new one to get
      your data as it is now.
    </p>
  )
}

/**
 * The "Download my data" button and the state of the newest export, followed while it is
 * being made so the download appears without reloading.
 */
export function DataExportRequest({
  initial,
  canRequest = true,
}: {
  initial: DataExportView | null
  /** False for an admin looking at an export they made for someone: the button is for oneself. */
  canRequest?: boolean
}) {
  const [view, setView] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const [polls, setPolls] = useState(0)

  useEffect(() => {
    if (view?.status !== 'queued' || polls >= MAX_POLLS) return
    const timer = setTimeout(async () => {
      const result = await callApi<DataExportView>(`/api/data-exports/${view.id}?depth=0`, {
        method: 'GET',
      })
      if (result.ok && result.data.status !== 'queued') {
        const { id, status, createdAt, expiresAt, sizeBytes } = result.data
        setView({ id, status, createdAt, expiresAt, sizeBytes })
      }
      setPolls((count) => count + 1)
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [view, polls])

  const ask = async () => {
    setBusy(true)
    setError(null)
    const result = await callApi<{ data: { id: number; status: 'queued' } }>('/api/users/me/export')
    setBusy(false)
    if (!result.ok) {
      setError(result.message)
      return
    }
    setPolls(0)
    setView({
      id: result.data.data.id,
      status: result.data.data.status,
      createdAt: new Date().toISOString(),
      expiresAt: null,
      sizeBytes: null,
    })
  }

  return (
    <div className="flex flex-col gap-3">
      {view && <ExportState view={view} />}
      <FormMessage error={error} />
      {canRequest && view?.status !== 'queued' && (
        <button
          type="button"
          className={view && isLive(view) ? 'btn-secondary self-start' : 'btn self-start'}
          disabled={busy}
          onClick={() => void ask()}
        >
          {busy ? 'Asking…' : view && isLive(view) ? 'Make a new file' : 'Download my data'}
        </button>
      )}
    </div>
  )
}
