import type { CollectionConfig } from 'payload'

import { subscriptionEndpoints } from '../endpoints/subscriptions'
import type { SanitizedBillingPluginConfig } from '../types'
import { tierOptions } from '../utilities/tiers'
import { hiddenFromOthers, mirroredFromStripe, vendorAndOwnerFields } from './shared'
import { billingSlugs } from './slugs'

export const SUBSCRIPTION_STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'unpaid',
  'canceled',
  'paused',
] as const

const readOnly = { readOnly: true }

/**
 * A vendor's Stripe subscriptions, mirrored from Stripe by the webhook: Stripe is the record,
 * so nobody writes these through the API. Vendors read their own; admins read all.
 */
export const Subscriptions = (
  config: SanitizedBillingPluginConfig,
): CollectionConfig<'subscriptions'> => ({
  slug: billingSlugs.subscriptions,
  admin: {
    useAsTitle: 'stripeSubscriptionId',
    defaultColumns: ['vendor', 'tier', 'status', 'currentPeriodEnd', 'updatedAt'],
    group: 'Billing',
    hidden: hiddenFromOthers(config),
    description: 'Mirrored from Stripe. Change a plan from Billing, or in Stripe.',
  },
  access: mirroredFromStripe(config),
  endpoints: subscriptionEndpoints,
  fields: [
    ...vendorAndOwnerFields(config),
    {
      name: 'tier',
      type: 'select',
      options: tierOptions,
      admin: readOnly,
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      options: SUBSCRIPTION_STATUSES.map((value) => ({ label: value.replace('_', ' '), value })),
      admin: readOnly,
    },
    { name: 'stripeSubscriptionId', type: 'text', required: true, unique: true, admin: readOnly },
    { name: 'stripeCustomerId', type: 'text', required: true, index: true, admin: readOnly },
    { name: 'stripePriceId', type: 'text', admin: readOnly },
    { name: 'stripeItemId', type: 'text', admin: readOnly },
    { name: 'currentPeriodEnd', type: 'date', admin: readOnly },
    { name: 'cancelAtPeriodEnd', type: 'checkbox', defaultValue: false, admin: readOnly },
    {
      name: 'pastDueSince',
      type: 'date',
      admin: {
        ...readOnly,
        description: 'When a payment first failed; the grace period starts here.',
      },
    },
    { name: 'graceEndsAt', type: 'date', index: true, admin: readOnly },
    {
      name: 'downgradedAt',
      type: 'date',
      admin: { ...readOnly, description: 'When the grace period ran out and the vendor was told.' },
    },
  ],
  timestamps: true,
})
