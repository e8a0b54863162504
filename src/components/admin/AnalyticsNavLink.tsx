import type { ServerProps } from 'payload'

import { checkRole } from '@/access/roles'

/** "Analytics" in the admin's navigation, for admins: the platform's figures by week. */
export function AnalyticsNavLink({ user }: ServerProps) {
  if (!user || !checkRole(['admin'], user)) return null
  return (
    <a href="/admin/analytics" className="nav__link" style={{ fontWeight: 600, padding: '4px 0' }}>
      Analytics
    </a>
  )
}
