import type { ServerProps } from 'payload'

import { checkRole } from '@/access/roles'

const LINKS = [
  { href: '/jobs', label: 'Job board' },
  { href: '/quotes', label: 'My quotes' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/bookings', label: 'Bookings' },
] as const

/** Back to the public site's workspace pages from the admin's navigation, for vendors. */
export function SiteNavLinks({ user }: ServerProps) {
  if (!user || !checkRole(['vendor'], user)) return null
  return (
    <nav aria-label="Event Pros site" data-testid="admin-site-links" className="ep-site-links">
      <p className="ep-site-links__title">On the site</p>
      {LINKS.map(({ href, label }) => (
        <a key={href} href={href} className="nav__link ep-site-links__link">
          {label}
        </a>
      ))}
    </nav>
  )
}
