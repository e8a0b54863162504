'use client'

import { useEffect, useState } from 'react'

const EVENT = 'eventpros:action-status'

let listeners = 0

/**
 * Tells the page's status region what an action did. Returns false when the page has none,
 * so the action can show the sentence beside its button instead.
 */
export const announceStatus = (message: string): boolean => {
  if (listeners === 0) return false
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }))
  return true
}

/**
 * A polite live region that outlives the button which triggered it: a declined quote loses
 * its buttons on refresh, but "You declined …" stays for the person to read.
 */
export function ActionStatus() {
  const [message, setMessage] = useState('')
  useEffect(() => {
    const show = (event: Event) => setMessage((event as CustomEvent<string>).detail)
    listeners += 1
    window.addEventListener(EVENT, show)
    return () => {
      listeners -= 1
      window.removeEventListener(EVENT, show)
    }
  }, [])
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="action-status"
      className={
        message
          ? 'rounded-lg border border-green-200 bg-green-50 p-3 text-sm text-green-800'
          : 'sr-only'
      }
    >
      {message}
    </p>
  )
}
