import type { CollectionConfig } from 'payload'

import { isPartyOrStaff } from '@/access/isPartyOrStaff'
import { checkRole } from '@/access/checkRole'
import { isAdmin } from '@/access/isAdmin'
import { isFromStateMachineAccess } from '@/access/isFromStateMachineAccess'
import { BOOKING_STATUSES } from '@/lib/constants'

import { partiesOrStaffField, stateMachineFields } from '../fields/marketplace'
import { slugs } from '../slugs'

/** Written once, by the state machine's create; the collection's create access guards it. */
const writtenOnCreate = { update: () => false }

/**
 * An organizer and a vendor agreed: made when the organizer accepts a quote, in the same
 * transaction that fills the job and declines the other quotes. Never created by hand.
 */
export const Bookings: CollectionConfig<'bookings'> = {
  slug: slugs.bookings,
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['job', 'vendor', 'eventDate', 'totalCents', 'status'],
    group: 'Marketplace',
    hidden: ({ user }) => checkRole(['organizer'], user as never),
  },
  access: {
    read: isPartyOrStaff,
    create: isFromStateMachineAccess,
    update: isFromStateMachineAccess,
    delete: isAdmin,
  },
  fields: [
    {
      name: 'job',
      type: 'relationship',
      relationTo: slugs.jobs,
      required: true,
      index: true,
      access: writtenOnCreate,
    },
    {
      name: 'application',
      type: 'relationship',
      relationTo: slugs.applications,
      required: true,
      unique: true,
      access: writtenOnCreate,
    },
    {
      name: 'vendor',
      type: 'relationship',
      relationTo: slugs.vendors,
      required: true,
      index: true,
      access: writtenOnCreate,
    },
    { name: 'eventDate', type: 'date', required: true, index: true, access: writtenOnCreate },
    {
      name: 'totalCents',
      type: 'number',
      required: true,
      access: writtenOnCreate,
      admin: { description: 'The accepted quote’s total, GST inclusive, in cents.' },
    },
    ...stateMachineFields({
      statuses: BOOKING_STATUSES,
      defaultValue: 'confirmed',
      historyReadableBy: partiesOrStaffField,
    }),
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: writtenOnCreate,
      admin: { position: 'sidebar' },
    },
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: writtenOnCreate,
      admin: { position: 'sidebar' },
    },
  ],
  timestamps: true,
}
