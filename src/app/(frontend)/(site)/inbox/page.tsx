import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { LiveRefresh } from '@/components/messaging/LiveRefresh'
import { inboxOf, realtimeClientConfig } from '@/lib/messaging/queries'
import { getCurrentUser } from '@/lib/payload'

export const metadata: Metadata = { title: 'Messages' }

const WHEN = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  day: 'numeric',
  month: 'short',
})

export default async function InboxPage() {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/inbox')
  const threads = await inboxOf(user)
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">Messages</h1>
      <LiveRefresh userId={user.id} realtime={await realtimeClientConfig()} />
      {threads.length === 0 ? (
        <p className="card p-5">
          No conversations yet.{' '}
          {user.role === 'vendor' ? (
            'Organizers can message you from your page, and you can message them about jobs you quote on.'
          ) : (
            <>
              Message a vendor from their page or from a quote.{' '}
              <Link href="/vendors">Find vendors</Link>
            </>
          )}
        </p>
      ) : (
        <ul className="card divide-y divide-gray-100" aria-label="Conversations">
          {threads.map((thread) => (
            <li key={thread.id}>
              <Link
                href={`/inbox/${thread.id}`}
                className="flex items-center gap-3 p-4 text-ink no-underline hover:bg-gray-50"
                data-testid="thread"
              >
                <div className="min-w-0 flex-1">
                  <p className={`truncate ${thread.unread ? 'font-bold' : 'font-semibold'}`}>
                    {thread.otherName}
                  </p>
                  <p className="truncate text-sm text-gray-600">
                    {thread.preview || 'No messages yet'}
                  </p>
                </div>
                <div className="flex flex-col items-end gap-1 text-xs text-gray-500">
                  {thread.lastMessageAt && (
                    <span>{WHEN.format(new Date(thread.lastMessageAt))}</span>
                  )}
                  {thread.unread > 0 && (
                    <span
                      className="rounded-full bg-brand-700 px-2 py-0.5 font-semibold text-white"
                      data-testid="unread-badge"
                    >
                      {thread.unread}
                      <span className="sr-only"> unread</span>
                    </span>
                  )}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
