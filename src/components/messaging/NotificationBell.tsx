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
    <details className="relative">
      <summary
        className="flex min-h-9 cursor-pointer list-none items-center gap-1 font-medium text-ink"
        aria-label={`Notifications: ${total} new`}
      >
        <BellIcon />
        {total > 0 && (
          <span
            className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
            data-testid="bell-count"
          >
            {total}
          </span>
        )}
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-gray-200 bg-white p-2 text-sm shadow-lg">
        <Link href="/inbox" className="block rounded p-2 text-ink no-underline hover:bg-gray-50">
          Messages{count > 0 ? ` · ${count} unread` : ''}
        </Link>
        {notices.map((notice) => (
          <Link
            key={notice.key}
            href={notice.href}
            className="block rounded p-2 text-ink no-underline hover:bg-gray-50"
          >
            {notice.text}
          </Link>
        ))}
      </div>
    </details>
  )
}
