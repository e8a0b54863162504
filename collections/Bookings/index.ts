import type { CollectionConfig } from 'payload'

import { checkRole } from '@/access/roles'
import { admins, fixedAfterCreate } from '@/access/rules'
import { writtenBy, writtenByField } from '@/access/writers'
import { syncBookedVendor, syncVendorOfDeletedBooking } from '@/lib/calendar/searchBusy'
import { BOOKING_STATUSES } from '@/lib/constants'

import { partiesOrStaff } from '../Applications/access'
import { partiesOrStaffField, stateMachineFields } from '../fields/marketplace'
import { slugs } from '../slugs'
import { bookingEndpoints } from './endpoints'
import { announceWebhookEvents } from '@/lib/webhooks/emit'

/** When one side marked the booking done; it completes once both have (src/lib/marketplace/bookings.ts). */
const doneMark = (name: string, label: string) =>
  ({
    name,
    type: 'date',
    label,
    access: { create: writtenByField('stateMachine'), update: writtenByField('stateMachine') },
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
  }) as const

/**
 * An organizer and a vendor agreed: made when the organizer accepts a quote, in the same
 * transaction that fills the job and declines the other quotes. Never created by hand; it
 * completes or is cancelled through its endpoints and the scheduled completion.
 */
export const Bookings: CollectionConfig<'bookings'> = {
  slug: slugs.bookings,
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['job', 'vendor', 'eventDate', 'totalCents', 'status'],
    group: 'Marketplace',
    // Organizers and vendors work on them on the site (/quotes, /bookings); staff here.
    hidden: ({ user }) => checkRole(['organizer', 'vendor'], user),
    hideAPIURL: true,
  },
  endpoints: bookingEndpoints,
  hooks: {
    afterChange: [syncBookedVendor, announceWebhookEvents],
    afterDelete: [syncVendorOfDeletedBooking],
  },
  access: {
    read: partiesOrStaff,
    create: writtenBy('stateMachine'),
    update: writtenBy('stateMachine'),
    delete: admins,
  },
  fields: [
    {
      name: 'job',
      type: 'relationship',
      relationTo: slugs.jobs,
      required: true,
      index: true,
      access: fixedAfterCreate,
    },
    {
      name: 'application',
      type: 'relationship',
      relationTo: slugs.applications,
      required: true,
      unique: true,
      access: fixedAfterCreate,
    },
    {
      name: 'vendor',
      type: 'relationship',
      relationTo: slugs.vendors,
      required: true,
      index: true,
      access: fixedAfterCreate,
    },
    { name: 'eventDate', type: 'date', required: true, index: true, access: fixedAfterCreate },
    {
      name: 'totalCents',
      type: 'number',
      required: true,
      access: fixedAfterCreate,
      admin: { description: 'The accepted quote’s total, GST inclusive, in cents.' },
    },
    ...stateMachineFields({
      statuses: BOOKING_STATUSES,
      defaultValue: 'confirmed',
      historyReadableBy: partiesOrStaffField,
    }),
    doneMark('organizerDoneAt', 'Marked done by the organizer'),
    doneMark('vendorDoneAt', 'Marked done by the vendor'),
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: fixedAfterCreate,
      admin: { position: 'sidebar' },
    },
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: fixedAfterCreate,
      admin: { position: 'sidebar' },
    },
  ],
  timestamps: true,
}
