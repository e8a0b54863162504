import Link from 'next/link'

import { realtimeClientConfig, unreadMessages } from '@/lib/messaging/queries'
import { getCurrentUser } from '@/lib/payload'

import { SessionRefresher } from './account/SessionRefresher'
import { LogoutButton } from './forms/LogoutButton'
import { NotificationBell } from './messaging/NotificationBell'

export async function Header() {
  const user = await getCurrentUser()
  const [unread, realtime] = user
    ? await Promise.all([unreadMessages(user), realtimeClientConfig()])
    : [0, null]
  return (
    <header className="border-b border-gray-200 bg-white">
      {user && <SessionRefresher />}
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3"
      >
        <Link href="/" className="text-lg font-bold text-ink no-underline">
          Event Pros <span className="text-brand-700">NZ</span>
        </Link>
        <div className="flex items-center gap-2 text-sm sm:gap-4">
          <Link href="/vendors" className="hidden font-medium text-ink no-underline sm:inline">
            Find vendors
          </Link>
          {user?.role === 'organizer' && (
            <>
              <Link href="/my-jobs" className="font-medium text-ink no-underline">
                My jobs
              </Link>
              <Link href="/bookings" className="hidden font-medium text-ink no-underline sm:inline">
                Bookings
              </Link>
            </>
          )}
          {user?.role === 'vendor' && (
            <>
              <Link href="/jobs" className="font-medium text-ink no-underline">
                Jobs
              </Link>
              <Link href="/quotes" className="hidden font-medium text-ink no-underline sm:inline">
                Quotes
              </Link>
              <Link href="/bookings" className="hidden font-medium text-ink no-underline sm:inline">
                Bookings
              </Link>
            </>
          )}
          {user && realtime && (
            <NotificationBell userId={user.id} unread={unread} realtime={realtime} />
          )}
          {user ? (
            <>
              {user.role !== 'organizer' && (
                <Link href="/admin" className="font-medium text-ink no-underline">
                  {user.role === 'vendor' ? 'My business' : 'Admin'}
                </Link>
              )}
              <Link
                href="/account"
                className="font-medium text-ink no-underline"
                data-testid="account-link"
              >
                {user.firstName}
              </Link>
              <LogoutButton />
            </>
          ) : (
            <>
              <Link href="/login" className="font-medium text-ink no-underline">
                Log in
              </Link>
              <Link href="/signup" className="btn min-h-9 px-3 text-sm">
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  )
}
