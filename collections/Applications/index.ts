import type { CollectionConfig } from 'payload'

import { canEditApplication } from '@/access/canEditApplication'
import { isPartyOrStaff } from '@/access/isPartyOrStaff'
import { checkRole } from '@/access/checkRole'
import { isAdmin } from '@/access/isAdmin'
import { isApplyingToJob } from '@/access/isApplyingToJob'
import { APPLICATION_STATUSES } from '@/lib/constants'
import { MAX_QUANTITY } from '@/lib/marketplace/money'

import { notInThePast, partiesOrStaffField, stateMachineFields } from '../fields/marketplace'
import { slugs } from '../slugs'
import { applicationEndpoints } from './endpoints'
import { assignQuoteParties, keepQuoteEditsToOpenJobs, priceQuoteLines } from './hooks'

/** Set by the apply endpoint or computed by the hooks; never written from a request. */
const systemSet = { create: () => false, update: () => false }

export const Applications: CollectionConfig<'applications'> = {
  slug: slugs.applications,
  labels: { singular: 'Quote', plural: 'Quotes' },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['job', 'vendor', 'totalCents', 'status', 'createdAt'],
    group: 'Marketplace',
    description: 'Vendors’ quotes on jobs. Sent from the job board; prices in NZ cents.',
    hidden: ({ user }) => checkRole(['organizer'], user as never),
  },
  access: {
    read: isPartyOrStaff,
    create: isApplyingToJob,
    update: canEditApplication,
    delete: isAdmin,
  },
  endpoints: applicationEndpoints,
  indexes: [{ fields: ['job', 'vendor'], unique: true }],
  hooks: {
    beforeChange: [assignQuoteParties, keepQuoteEditsToOpenJobs, priceQuoteLines],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'job',
          type: 'relationship',
          relationTo: slugs.jobs,
          required: true,
          index: true,
          access: systemSet,
        },
        {
          name: 'vendor',
          type: 'relationship',
          relationTo: slugs.vendors,
          required: true,
          index: true,
          access: systemSet,
        },
      ],
    },
    {
      name: 'message',
      type: 'textarea',
      required: true,
      minLength: 20,
      maxLength: 3000,
      admin: { description: 'What the vendor offers and why they are a good fit.' },
    },
    {
      name: 'lineItems',
      type: 'array',
      required: true,
      minRows: 1,
      maxRows: 30,
      labels: { singular: 'Line', plural: 'Lines' },
      fields: [
        { name: 'description', type: 'text', required: true, maxLength: 200 },
        {
          type: 'row',
          fields: [
            { name: 'quantity', type: 'number', required: true, min: 0.01, max: MAX_QUANTITY },
            {
              name: 'unitPriceCents',
              type: 'number',
              required: true,
              min: 0,
              admin: { description: 'GST exclusive, in cents.' },
            },
            { name: 'totalCents', type: 'number', access: systemSet, admin: { readOnly: true } },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'subtotalCents', type: 'number', access: systemSet, admin: { readOnly: true } },
        { name: 'gstCents', type: 'number', access: systemSet, admin: { readOnly: true } },
        { name: 'totalCents', type: 'number', access: systemSet, admin: { readOnly: true } },
      ],
    },
    {
      name: 'validUntil',
      type: 'date',
      required: true,
      validate: notInThePast('The quote must be valid until today or later.'),
      admin: { description: 'The vendor holds this price until this date.' },
    },
    ...stateMachineFields({
      statuses: APPLICATION_STATUSES,
      defaultValue: 'submitted',
      historyReadableBy: partiesOrStaffField,
    }),
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: { ...systemSet, read: partiesOrStaffField },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: systemSet,
      admin: { position: 'sidebar', readOnly: true },
    },
  ],
  timestamps: true,
}
