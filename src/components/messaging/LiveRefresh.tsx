'use client'

import { useRouter } from 'next/navigation'

import { type RealtimeClientConfig, userChannel } from '@/plugins/realtime/client'

import { useRealtime } from './useRealtime'

/** Re-renders a server page (the inbox) when a message arrives for the person, or on reconnect. */
export function LiveRefresh({
  userId,
  realtime,
}: {
  userId: number
  realtime: RealtimeClientConfig
}) {
  const router = useRouter()
  useRealtime(
    realtime,
    [userChannel(userId)],
    (event) => {
      if (event === 'message.created') router.refresh()
    },
    () => router.refresh(),
  )
  return null
}
