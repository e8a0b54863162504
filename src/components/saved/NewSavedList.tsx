'use client'

import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'
import { SAVED_LIST_NAME_MAX } from '@/lib/saved/limits'

/** Starts an empty list on `/saved`. */
export function NewSavedList() {
  const router = useRouter()
  const nameId = useId()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="card flex flex-col gap-2 p-4"
      onSubmit={async (event) => {
        event.preventDefault()
        setBusy(true)
        setError(null)
        const result = await callApi('/api/saved-lists', { body: { name: name.trim() } })
        setBusy(false)
        if (!result.ok) return setError(result.message)
        setName('')
        router.refresh()
      }}
    >
      <label htmlFor={nameId} className="font-medium">
        Start a list
      </label>
      <div className="flex gap-2">
        <input
          id={nameId}
          className="field min-w-0 flex-1"
          required
          maxLength={SAVED_LIST_NAME_MAX}
          placeholder="Office party"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Adding…' : 'Add list'}
        </button>
      </div>
      <FormMessage error={error} />
    </form>
  )
}
