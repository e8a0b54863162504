import type { CollectionConfig, Field } from 'payload'

import { checkRole } from '@/access/checkRole'
import { isAdminOrOwner } from '@/access/isAdminOrOwner'
import { slugs } from '@/collections/slugs'

/**
 * Subscriptions and payments mirror Stripe: their vendor and admins read them, and only the
 * billing code writes them (as the webhook and the billing endpoints learn from Stripe).
 */
export const mirroredFromStripe: CollectionConfig['access'] = {
  read: isAdminOrOwner,
  create: () => false,
  update: () => false,
  delete: () => false,
}

/** Shown in the admin's menu to vendors (their own) and admins. */
export const hiddenFromOthers: NonNullable<CollectionConfig['admin']>['hidden'] = ({ user }) =>
  !checkRole(['admin', 'vendor'], user as never)

/**
 * The vendor the row is for, and its owner (whose row it is, for access). Not required: the
 * billing history outlives a deleted profile (the database sets it to null).
 */
export const vendorAndOwnerFields: Field[] = [
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
