import type { CollectionConfig } from 'payload'

import { checkRole } from '@/access/checkRole'
import { isAdmin } from '@/access/isAdmin'
import { slugs } from '@/collections/slugs'

/**
 * Every Stripe event applied, by id, written in the same transaction as its effect: a
 * delivery whose id is here has been applied and is answered without doing anything again.
 */
export const BillingEvents: CollectionConfig<'billing-events'> = {
  slug: slugs.billingEvents,
  labels: { singular: 'Billing event', plural: 'Billing events' },
  admin: {
    useAsTitle: 'eventId',
    defaultColumns: ['eventId', 'type', 'objectId', 'createdAt'],
    group: 'Billing',
    hidden: ({ user }) => !checkRole(['admin'], user as never),
  },
  access: { read: isAdmin, create: () => false, update: () => false, delete: () => false },
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
}
