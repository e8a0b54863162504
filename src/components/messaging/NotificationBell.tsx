'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'

import { callApi } from '@/lib/kit/apiClient'
import { type RealtimeClientConfig, userChannel } from '@/plugins/realtime/client'

import { BellIcon } from './icons'
import { useRealtime } from './useRealtime'

type Notice = { key: string; text: string; href: string; at: string }
type Feed = { items: Notice[]; newCount: number }

const LIVE_EVENTS = new Set([
  'message.created',
  'application.created',
  'application.status',
  'booking.status',
  'review.published',
  'invitation.created',
  'invitation.declined',
])

/**
 * The bell in the header: messages, quote news and reviews, newest first, read from
 * `GET /api/users/me/notifications` (so they survive a reload). The badge counts what is new
 * since the panel was last opened. A live event bumps it at once while the panel is closed, and
 * reads the list afresh (already seen) while it is open.
 */
export function NotificationBell({
  userId,
  unread,
  realtime,
}: {
  userId: number
  unread: number
  realtime: RealtimeClientConfig
}) {
  const pathname = usePathname()
  const [count, setCount] = useState(unread)
  const [notices, setNotices] = useState<Notice[] | null>(null)
  const load = useCallback(async () => {
    const result = await callApi<{ data: Feed }>('/api/users/me/notifications', { method: 'GET' })
    if (!result.ok) return null
    setNotices(result.data.data.items)
    return result.data.data
  }, [])
  useEffect(() => {
    void load().then((feed) => feed && setCount(feed.newCount))
  }, [load])
  const isOpen = useRef(false)
  const readAndMarkSeen = useCallback(async () => {
    await load()
    const seen = await callApi('/api/users/me/notifications/seen')
    if (seen.ok) setCount(0)
  }, [load])
  useRealtime(realtime, [userChannel(userId)], (event, data) => {
    if (!LIVE_EVENTS.has(event)) return
    // A booking change is news to the other side, not to whoever made it.
    if (event === 'booking.status' && data.by === userId) return
    if (event === 'message.created' && pathname === `/inbox/${String(data.threadId)}`) return
    if (isOpen.current) void readAndMarkSeen()
    else setCount((current) => current + 1)
  })
  const opened = async (open: boolean) => {
    isOpen.current = open
    if (open) await readAndMarkSeen()
  }
  return (
    <details className="sm:relative" onToggle={(event) => void opened(event.currentTarget.open)}>
      <summary
        className="relative flex h-11 w-11 cursor-pointer list-none items-center justify-center rounded-md font-medium text-ink hover:bg-gray-100"
        aria-label={`Notifications: ${count} new`}
      >
        <BellIcon />
        {/* Over the icon, not beside it: a badge arriving never widens the header row. */}
        {count > 0 && (
          <span
            className="absolute top-1 right-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white"
            data-testid="bell-count"
          >
            {count > 99 ? '99+' : count}
          </span>
        )}
      </summary>
      {/* On a phone pinned under the header across the viewport; from sm up a dropdown. */}
      <div
        className="fixed inset-x-0 top-[61px] z-30 max-h-[calc(100dvh-61px)] overflow-y-auto border-b border-gray-200 bg-white p-2 text-sm shadow-lg sm:absolute sm:top-full sm:right-0 sm:left-auto sm:mt-2 sm:w-80 sm:rounded-lg sm:border"
        data-testid="bell-panel"
      >
        <ul>
          {(notices ?? []).map((notice) => (
            <li key={notice.key}>
              <Link
                href={notice.href}
                className="flex min-h-11 items-center rounded p-2 text-ink no-underline hover:bg-gray-50"
                data-testid="bell-item"
              >
                {notice.text}
              </Link>
            </li>
          ))}
        </ul>
        {notices?.length === 0 && <p className="p-2 text-gray-700">Nothing new yet.</p>}
        <Link
          href="/inbox"
          className="flex min-h-11 items-center rounded p-2 font-medium text-brand-800 no-underline hover:bg-gray-50"
        >
          All messages
        </Link>
      </div>
    </details>
  )
}
