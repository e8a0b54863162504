import type { CollectionConfig } from 'payload'

import { checkRole } from '@/access/roles'
import { admins, systemWritten } from '@/access/rules'
import { APPLICATION_STATUSES } from '@/lib/constants'
import { MAX_QUANTITY } from '@/lib/kit/money'

import {
  jobAndVendorRow,
  notInThePast,
  partiesOrStaffField,
  partyField,
  stateMachineFields,
} from '../fields/marketplace'
import { slugs } from '../slugs'
import { canEditQuote, canSendQuote, partiesOrStaff } from './access'
import { applicationEndpoints } from './endpoints'
import { assignQuoteParties, keepQuoteEditsToOpenJobs, priceQuoteLines } from './hooks'
import { announceWebhookEvents } from '@/lib/webhooks/emit'

export const Applications: CollectionConfig<'applications'> = {
  slug: slugs.applications,
  labels: { singular: 'Quote', plural: 'Quotes' },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['job', 'vendor', 'totalCents', 'status', 'createdAt'],
    group: 'Marketplace',
    description: 'Vendors’ quotes on jobs. Sent from the job board; prices in NZ cents.',
    // Organizers and vendors work on them on the site (/quotes, /bookings); staff here.
    hidden: ({ user }) => checkRole(['organizer', 'vendor'], user),
    hideAPIURL: true,
  },
  access: {
    read: partiesOrStaff,
    create: canSendQuote,
    update: canEditQuote,
    delete: admins,
  },
  endpoints: applicationEndpoints,
  indexes: [{ fields: ['job', 'vendor'], unique: true }],
  hooks: {
    beforeChange: [assignQuoteParties, keepQuoteEditsToOpenJobs, priceQuoteLines],
    afterChange: [announceWebhookEvents],
  },
  fields: [
    jobAndVendorRow(),
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
            {
              name: 'totalCents',
              type: 'number',
              access: systemWritten,
              admin: { readOnly: true },
            },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'subtotalCents', type: 'number', access: systemWritten, admin: { readOnly: true } },
        { name: 'gstCents', type: 'number', access: systemWritten, admin: { readOnly: true } },
        { name: 'totalCents', type: 'number', access: systemWritten, admin: { readOnly: true } },
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
    partyField('vendorOwner', partiesOrStaffField),
    partyField('organizer'),
  ],
  timestamps: true,
}
