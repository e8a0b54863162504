import type { CollectionConfig } from 'payload'

import { paymentEndpoints } from '../endpoints/payments'
import type { SanitizedBillingPluginConfig } from '../types'
import { hiddenFromOthers, mirroredFromStripe, vendorAndOwnerFields } from './shared'
import { billingSlugs } from './slugs'

export const PAYMENT_STATUSES = ['paid', 'failed', 'refunded', 'partially_refunded'] as const

const readOnly = { readOnly: true }

/**
 * One row per Stripe invoice a vendor was charged (or failed to be charged) for, amounts in
 * NZ cents including GST. Written by the webhook; vendors read their own, admins refund.
 */
export const Payments = (config: SanitizedBillingPluginConfig): CollectionConfig<'payments'> => ({
  slug: billingSlugs.payments,
  admin: {
    useAsTitle: 'invoiceNumber',
    defaultColumns: ['vendor', 'description', 'amountCents', 'status', 'createdAt'],
    group: 'Billing',
    hidden: hiddenFromOthers(config),
    description: 'Invoices from Stripe, in NZ cents including GST.',
  },
  access: mirroredFromStripe(config),
  endpoints: paymentEndpoints,
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'refund',
      type: 'ui',
      admin: { components: { Field: '@/plugins/billing/components/RefundField#RefundField' } },
    },
    ...vendorAndOwnerFields(config),
    {
      name: 'subscription',
      type: 'relationship',
      relationTo: billingSlugs.subscriptions,
      admin: readOnly,
    },
    { name: 'description', type: 'text', admin: readOnly },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      options: PAYMENT_STATUSES.map((value) => ({ label: value.replace('_', ' '), value })),
      admin: readOnly,
    },
    {
      type: 'row',
      fields: [
        { name: 'amountCents', type: 'number', required: true, admin: readOnly },
        { name: 'gstCents', type: 'number', required: true, defaultValue: 0, admin: readOnly },
        { name: 'refundedCents', type: 'number', defaultValue: 0, admin: readOnly },
      ],
    },
    { name: 'currency', type: 'text', defaultValue: 'nzd', admin: readOnly },
    { name: 'stripeInvoiceId', type: 'text', required: true, unique: true, admin: readOnly },
    { name: 'invoiceNumber', type: 'text', admin: readOnly },
    {
      name: 'stripePaymentIntentId',
      type: 'text',
      index: true,
      access: { read: ({ req: { user } }) => config.access.isStaff(user) },
      admin: readOnly,
    },
    { name: 'hostedInvoiceUrl', type: 'text', admin: readOnly },
    { name: 'invoicePdfUrl', type: 'text', admin: readOnly },
    { name: 'periodStart', type: 'date', admin: readOnly },
    // Indexed: which invoices cover a moment (monthly recurring revenue) is read by it.
    { name: 'periodEnd', type: 'date', index: true, admin: readOnly },
    { name: 'paidAt', type: 'date', admin: readOnly },
  ],
  timestamps: true,
})
