'use client'

import { type FormEvent, useState } from 'react'

/**
 * The shared life of our forms: stop the browser's submit, show "busy", run the action with
 * the form's values, and show the message it returns when something went wrong.
 */
export function useSubmit(action: (form: FormData) => Promise<string | null | void>) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError(null)
    try {
      setError((await action(form)) || null)
    } finally {
      setBusy(false)
    }
  }
  return { error, busy, onSubmit }
}
