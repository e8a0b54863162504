import Link from 'next/link'

import { realtimeClientConfig, unreadMessages } from '@/lib/messaging/queries'
import { getCurrentUser } from '@/lib/payload'
import type { User } from '@/payload-types'
import type { RealtimeClientConfig } from '@/plugins/realtime/client'

import { SessionRefresher } from './account/SessionRefresher'
import { LogoutButton } from './forms/LogoutButton'
import { NotificationBell } from './messaging/NotificationBell'
import { InlineLinks } from './nav/InlineLinks'
import { menuItemsFor, menuRoleOf } from './nav/menuItems'
import { SiteMenu } from './nav/SiteMenu'

// Account, Log in and Sign up have their own places in the row; the rest are the inline links.
const ROW_OWN = new Set(['/account', '/login', '/signup'])

/** The header for whoever is signed in on this request (read from the session cookie). */
export async function Header() {
  const user = await getCurrentUser()
  const [unread, realtime] = user
    ? await Promise.all([unreadMessages(user), realtimeClientConfig()])
    : [0, null]
  return <HeaderView user={user} unread={unread} realtime={realtime} />
}

/**
 * One row of fixed height at every width from 320 px: the bell's badge sits over its icon and
 * long first names are truncated, so nothing that arrives late can wrap the header. With no
 * user it is the same for every visitor, which is what lets anonymous pages be cached.
 */
export function HeaderView({
  user,
  unread = 0,
  realtime = null,
}: {
  user: User | null
  unread?: number
  realtime?: RealtimeClientConfig | null
}) {
  const items = menuItemsFor(menuRoleOf(user))
  return (
    <header className="h-[61px] border-b border-gray-200 bg-white">
      {user && <SessionRefresher />}
      <nav
        aria-label="Main"
        className="mx-auto flex h-[60px] max-w-6xl flex-nowrap items-center justify-between gap-2 px-3 sm:px-4"
      >
        <Link
          href="/"
          className="shrink-0 text-lg font-bold whitespace-nowrap text-ink no-underline"
        >
          Event Pros <span className="text-brand-700">NZ</span>
        </Link>
        <div className="flex min-w-0 items-center gap-1 text-sm sm:gap-3">
          <InlineLinks items={items.filter((item) => !ROW_OWN.has(item.href))} />
          {user && realtime && (
            <NotificationBell userId={user.id} unread={unread} realtime={realtime} />
          )}
          {user ? (
            <>
              <Link
                href="/account"
                aria-label={`Account: ${user.firstName}`}
                className="hidden min-h-11 max-w-24 min-w-0 items-center truncate font-medium text-ink no-underline min-[360px]:inline-flex"
                data-testid="account-link"
              >
                <span className="truncate">{user.firstName}</span>
              </Link>
              <span className="hidden lg:inline">
                <LogoutButton />
              </span>
            </>
          ) : (
            <>
              <Link
                href="/login"
                className="hidden min-h-11 items-center font-medium whitespace-nowrap text-ink no-underline min-[360px]:inline-flex"
              >
                Log in
              </Link>
              <Link
                href="/signup"
                className="btn hidden min-h-9 px-3 text-sm whitespace-nowrap lg:inline-flex"
              >
                Sign up
              </Link>
            </>
          )}
          <SiteMenu items={items} signedIn={user != null} />
        </div>
      </nav>
    </header>
  )
}
