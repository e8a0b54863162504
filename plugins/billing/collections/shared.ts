import type { Access, CollectionConfig, Field } from 'payload'

import type { BillingUser, SanitizedBillingPluginConfig } from '../types'

/**
 * Subscriptions and payments mirror Stripe: their vendor and admins read them, and only the
 * billing code writes them (as the webhook and the billing endpoints learn from Stripe).
 */
export const mirroredFromStripe = ({
  access,
}: SanitizedBillingPluginConfig): CollectionConfig['access'] => {
  /** Admins: every row. Anyone else signed in: the rows whose `owner` they are. */
  const adminOrOwner: Access = ({ req: { user } }) => {
    if (access.isAdmin(user)) return true
    return user ? { owner: { equals: user.id } } : false
  }
  return { read: adminOrOwner, create: () => false, update: () => false, delete: () => false }
}

/** Shown in the admin's menu to vendors (their own) and admins. */
export const hiddenFromOthers =
  ({ access }: SanitizedBillingPluginConfig): NonNullable<CollectionConfig['admin']>['hidden'] =>
  ({ user }) => {
    // The admin hands over the signed-in user in its client shape: the same user document.
    const signedIn = user as BillingUser
    return !(access.isAdmin(signedIn) || access.isVendor(signedIn))
  }

/**
 * The vendor the row is for, and its owner (whose row it is, for access). Not required: the
 * billing history outlives a deleted profile (the database sets it to null).
 */
export const vendorAndOwnerFields = ({ slugs }: SanitizedBillingPluginConfig): Field[] => [
  {
    name: 'vendor',
    type: 'relationship',
    relationTo: slugs.vendors,
    index: true,
    admin: { readOnly: true },
  },
  {
    name: 'owner',
    type: 'relationship',
    relationTo: slugs.users,
    index: true,
    admin: { readOnly: true, position: 'sidebar' },
  },
]
