import type { ServerProps } from 'payload'

import { billingConfig } from '../utilities/runtime'

/** "Billing" in the admin's navigation, for vendors (their plan) and admins (the figures). */
export function BillingNavLink({ payload, user }: ServerProps) {
  const { access } = billingConfig(payload)
  if (!(access.isVendor(user) || access.isAdmin(user))) return null
  return (
    <a href="/admin/billing" className="nav__link" style={{ fontWeight: 600, padding: '4px 0' }}>
      {access.isVendor(user) ? 'Your plan' : 'Billing overview'}
    </a>
  )
}
