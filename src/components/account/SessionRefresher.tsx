'use client'

import { useEffect } from 'react'

const EVERY_MS = 10 * 60 * 1000
const KEY = 'eventpros:session-refreshed-at'

/**
 * Keeps a signed-in person's one-hour token fresh while they use the site: when the tab is
 * visible and they interact, at most every ten minutes (shared by tabs), it asks for a new
 * token. An idle or hidden tab asks nothing, so an abandoned session ends within the hour.
 */
export function SessionRefresher() {
  useEffect(() => {
    let busy = false
    const refresh = async () => {
      if (busy || document.visibilityState !== 'visible') return
      const last = Number(window.localStorage.getItem(KEY) ?? 0)
      if (Date.now() - last < EVERY_MS) return
      busy = true
      window.localStorage.setItem(KEY, String(Date.now()))
      try {
        await fetch('/api/users/refresh-token', { method: 'POST', credentials: 'include' })
      } finally {
        busy = false
      }
    }
    const events = ['pointerdown', 'keydown', 'visibilitychange'] as const
    events.forEach((name) => window.addEventListener(name, refresh, { passive: true }))
    // A page opened is use too. Refreshing as it loads, rather than on its first click, keeps
    // the refresh (which rewrites the account row) from racing the action that click starts.
    void refresh()
    return () => events.forEach((name) => window.removeEventListener(name, refresh))
  }, [])
  return null
}
