'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { type RealtimeClientConfig, userChannel } from '@/plugins/realtime/client'

import { describeChanges, LIVE_PAGE_EVENTS, type LiveItem, type LivePage } from './liveEvents'
import { useRealtime } from './useRealtime'

/** Several events from one action (an accept declines the others) become one refresh. */
const REFRESH_DELAY_MS = 250

/**
 * Re-renders a server page when one of `events` arrives on the person's channel, or on
 * reconnect. `router.refresh()` keeps client state and scroll, so a half-typed message or a
 * scrolled row of quotes stays as it was. With `announce`, what changed is said politely to
 * screen readers ("New quote from Aroha Photography.").
 */
export function LiveRefresh({
  userId,
  realtime,
  events = LIVE_PAGE_EVENTS.inbox,
  announce,
}: {
  userId: number
  realtime: RealtimeClientConfig
  events?: readonly string[]
  announce?: { page: LivePage; items: LiveItem[] }
}) {
  const router = useRouter()
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const refresh = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => router.refresh(), REFRESH_DELAY_MS)
  }
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )
  useRealtime(
    realtime,
    [userChannel(userId)],
    (event) => {
      if (events.includes(event)) refresh()
    },
    refresh,
  )

  const itemsKey = JSON.stringify(announce?.items ?? [])
  const [seen, setSeen] = useState(itemsKey)
  const [said, setSaid] = useState('')
  if (announce && itemsKey !== seen) {
    setSaid(
      describeChanges(announce.page, JSON.parse(seen) as LiveItem[], announce.items).join(' '),
    )
    setSeen(itemsKey)
  }
  if (!announce) return null
  return (
    <p aria-live="polite" className="sr-only" data-testid="live-announcer">
      {said}
    </p>
  )
}
