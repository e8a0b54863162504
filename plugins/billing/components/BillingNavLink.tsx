import type { ServerProps } from 'payload'

import { checkRole } from '@/access/checkRole'

/** "Billing" in the admin's navigation, for vendors (their plan) and admins (the figures). */
export function BillingNavLink({ user }: ServerProps) {
  if (!checkRole(['vendor', 'admin'], user as never)) return null
  return (
    <a href="/admin/billing" className="nav__link" style={{ fontWeight: 600, padding: '4px 0' }}>
      Billing
    </a>
  )
}
