'use client'

import { Button } from '@payloadcms/ui'
import { useState } from 'react'

/** Queues a full rebuild; the old index keeps answering searches until the new one is swapped in. */
export function RebuildIndexButton({ queued }: { queued: boolean }) {
  const [state, setState] = useState<'idle' | 'busy' | 'queued' | 'error'>(
    queued ? 'queued' : 'idle',
  )
  const [message, setMessage] = useState('')
  const rebuild = async () => {
    setState('busy')
    const response = await fetch('/api/vendors/search/reindex', {
      method: 'POST',
      credentials: 'include',
    })
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string }
    } | null
    if (response.ok) {
      setState('queued')
      setMessage('Rebuild queued. Searches keep working meanwhile; refresh to follow the counts.')
    } else {
      setState('error')
      setMessage(body?.error?.message ?? 'The rebuild could not be queued.')
    }
  }
  return (
    <div>
      <Button
        buttonStyle="secondary"
        size="small"
        disabled={state === 'busy' || state === 'queued'}
        onClick={rebuild}
      >
        {state === 'queued' ? 'Rebuild queued' : 'Rebuild search index'}
      </Button>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
