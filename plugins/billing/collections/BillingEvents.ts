import type { CollectionConfig } from 'payload'

import type { BillingUser, SanitizedBillingPluginConfig } from '../types'
import { billingSlugs } from './slugs'

/**
 * Every Stripe event applied, by id, written in the same transaction as its effect: a
 * delivery whose id is here has been applied and is answered without doing anything again.
 */
export const BillingEvents = ({
  access,
}: SanitizedBillingPluginConfig): CollectionConfig<'billing-events'> => ({
  slug: billingSlugs.billingEvents,
  labels: { singular: 'Billing event', plural: 'Billing events' },
  admin: {
    useAsTitle: 'eventId',
    defaultColumns: ['eventId', 'type', 'objectId', 'createdAt'],
    group: 'Billing',
    // The admin hands over the signed-in user in its client shape: the same user document.
    hidden: ({ user }) => !access.isAdmin(user as BillingUser),
  },
  access: {
    read: ({ req: { user } }) => access.isAdmin(user),
    create: () => false,
    update: () => false,
    delete: () => false,
  },
  fields: [
    { name: 'eventId', type: 'text', required: true, unique: true, admin: { readOnly: true } },
    { name: 'type', type: 'text', required: true, index: true, admin: { readOnly: true } },
    { name: 'objectId', type: 'text', index: true, admin: { readOnly: true } },
    {
      name: 'stripeCreated',
      type: 'number',
      admin: { readOnly: true, description: 'When Stripe created the event (Unix seconds).' },
    },
  ],
  timestamps: true,
})
