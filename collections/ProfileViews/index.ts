import type { CollectionConfig } from 'payload'

import { isStaffUser } from '@/access/roles'
import { staffOrVendorOwning } from '@/access/rules'

import { slugs } from '../slugs'

/**
 * How many people looked at a vendor's public page, one row per vendor and New Zealand day.
 * Counted only by `POST /api/vendors/:id/views` (see `src/lib/vendorStats/profileViews.ts`),
 * one statement per view, so nobody writes these through the API. A vendor reads their own
 * rows (their dashboard adds up the last 30 days); staff read all. No person is named here.
 */
export const ProfileViews: CollectionConfig<'profile-views'> = {
  slug: slugs.profileViews,
  admin: {
    useAsTitle: 'day',
    defaultColumns: ['vendor', 'day', 'views'],
    group: 'Insights',
    hidden: ({ user }) => !isStaffUser(user),
    hideAPIURL: true,
  },
  access: {
    read: staffOrVendorOwning('vendor.owner'),
    create: () => false,
    update: () => false,
    delete: () => false,
  },
  indexes: [{ fields: ['vendor', 'day'], unique: true }],
  timestamps: false,
  fields: [
    { name: 'vendor', type: 'relationship', relationTo: slugs.vendors, required: true },
    {
      name: 'day',
      type: 'text',
      required: true,
      admin: { description: 'The New Zealand date, YYYY-MM-DD.' },
    },
    { name: 'views', type: 'number', required: true, min: 0, defaultValue: 0 },
  ],
}
