'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useState } from 'react'

import { type RealtimeClientConfig, userChannel } from '@/plugins/realtime/client'

import { BellIcon } from './icons'
import { useRealtime } from './useRealtime'

type Notice = { key: string; text: string; href: string }

/**
 * The bell in the header: unread messages, counted live from the person's own channel, plus
 * quote news (a new quote on your job, your quote shortlisted, accepted or declined).
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
  const [notices, setNotices] = useState<Notice[]>([])
  const [seenUnread, setSeenUnread] = useState(unread)
  // A refreshed page brings a new server count (messages read elsewhere): it wins.
  if (unread !== seenUnread) {
    setSeenUnread(unread)
    setCount(unread)
  }
  useRealtime(realtime, [userChannel(userId)], (event, data) => {
    if (event === 'message.created') {
      if (pathname !== `/inbox/${String(data.threadId)}`) setCount((current) => current + 1)
      return
    }
    const notice: Notice | null =
      event === 'application.created'
        ? {
            key: `a${String(data.applicationId)}`,
            text: 'New quote on your job',
            href: `/my-jobs/${String(data.jobId)}`,
          }
        : event === 'application.status'
          ? {
              key: `s${String(data.applicationId)}-${String(data.status)}`,
              text: `Your quote was ${String(data.status)}`,
              href: `/jobs/${String(data.jobId)}`,
            }
          : event === 'review.published'
            ? {
                key: `r${String(data.reviewId)}`,
                text: 'A new review of your business is live',
                href: `/vendors/${String(data.vendorSlug)}#review-${String(data.reviewId)}`,
              }
            : null
    if (notice)
      setNotices((current) => [notice, ...current.filter((n) => n.key !== notice.key)].slice(0, 5))
  })
  const total = count + notices.length
  return (
    <details className="sm:relative">
      <summary
        className="relative flex h-11 w-11 cursor-pointer list-none items-center justify-center rounded-md font-medium text-ink hover:bg-gray-100"
        aria-label={`Notifications: ${total} new`}
      >
        <BellIcon />
        {/* Over the icon, not beside it: a badge arriving never widens the header row. */}
        {total > 0 && (
          <span
            className="absolute top-1 right-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white"
            data-testid="bell-count"
          >
            {total > 99 ? '99+' : total}
          </span>
        )}
      </summary>
      {/* On a phone pinned under the header across the viewport; from sm up a dropdown. */}
      <div
        className="fixed inset-x-0 top-[61px] z-30 max-h-[calc(100dvh-61px)] overflow-y-auto border-b border-gray-200 bg-white p-2 text-sm shadow-lg sm:absolute sm:top-full sm:right-0 sm:left-auto sm:mt-2 sm:w-80 sm:rounded-lg sm:border"
        data-testid="bell-panel"
      >
        <Link
          href="/inbox"
          className="flex min-h-11 items-center rounded p-2 text-ink no-underline hover:bg-gray-50"
          data-testid="bell-item"
        >
          Messages{count > 0 ? ` · ${count} unread` : ''}
        </Link>
        {notices.map((notice) => (
          <Link
            key={notice.key}
            href={notice.href}
            className="flex min-h-11 items-center rounded p-2 text-ink no-underline hover:bg-gray-50"
            data-testid="bell-item"
          >
            {notice.text}
          </Link>
        ))}
      </div>
    </details>
  )
}
