import type { CollectionConfig, FieldAccess } from 'payload'

import { admins, adminsOrOwner, systemWritten } from '@/access/rules'
import { idOf } from '@/lib/kit/ids'
import { WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events'
import { DELIVERY_STATUSES } from '@/lib/webhooks/dispatch'

import { slugs } from '../slugs'
import { webhookDeliveryEndpoints } from './endpoints'

const ownerOnly: FieldAccess = ({ req: { user }, doc }) =>
  Boolean(user && doc && idOf((doc as { owner?: unknown }).owner) === user.id)

/**
 * One event for one endpoint: the outbox row written with the change, and its delivery log
 * (attempts, last answer, next retry). Written only by the webhooks code; read by the
 * endpoint's owner and admins, who can send one again.
 */
export const WebhookDeliveries: CollectionConfig<'webhook-deliveries'> = {
  slug: slugs.webhookDeliveries,
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  admin: {
    useAsTitle: 'eventId',
    defaultColumns: ['type', 'endpoint', 'status', 'attempts', 'lastStatusCode', 'nextAttemptAt'],
    group: 'Integrations',
    description:
      'Every event sent to a webhook endpoint: retried for about 28 hours with growing waits, in order per resource. “Send again” repeats one with the same event id.',
  },
  endpoints: webhookDeliveryEndpoints,
  access: {
    read: adminsOrOwner,
    create: () => false,
    update: () => false,
    delete: admins,
  },
  // The next delivery of a resource waits for the one before it (src/lib/webhooks/dispatch.ts).
  indexes: [{ fields: ['lane', 'status'] }, { fields: ['status', 'nextAttemptAt'] }],
  fields: [
    {
      name: 'endpoint',
      type: 'relationship',
      relationTo: slugs.webhookEndpoints,
      required: true,
      index: true,
      access: systemWritten,
    },
    {
      name: 'type',
      type: 'select',
      required: true,
      options: WEBHOOK_EVENT_TYPES.map((value) => ({ label: value, value })),
      access: systemWritten,
    },
    {
      name: 'eventId',
      type: 'text',
      required: true,
      index: true,
      access: systemWritten,
      admin: {
        description: 'The `webhook-id` header: the same on every attempt, for de-duplication.',
      },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      options: DELIVERY_STATUSES.map(({ label, value }) => ({ label, value })),
      access: systemWritten,
      admin: { position: 'sidebar' },
    },
    {
      name: 'resend',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '@/components/admin/webhooks/ResendDelivery#ResendDelivery' },
      },
    },
    { name: 'attempts', type: 'number', defaultValue: 0, access: systemWritten },
    { name: 'nextAttemptAt', type: 'date', access: systemWritten },
    { name: 'lastAttemptAt', type: 'date', access: systemWritten },
    {
      name: 'lastStatusCode',
      type: 'number',
      access: systemWritten,
      admin: { description: 'The HTTP status the endpoint last answered (none: no answer).' },
    },
    { name: 'lastError', type: 'text', access: systemWritten },
    { name: 'deliveredAt', type: 'date', access: systemWritten },
    {
      name: 'payload',
      type: 'json',
      required: true,
      // A copy of what the owner may read (a message in their own conversation, their own
      // calendars): theirs alone, admins see the delivery's outcome but not what it carried.
      access: { read: ownerOnly, ...systemWritten },
      admin: { description: 'The body sent, as the endpoint’s owner may read it through the API.' },
    },
    {
      name: 'lane',
      type: 'text',
      required: true,
      access: systemWritten,
      admin: { hidden: true },
    },
    { name: 'claimedUntil', type: 'date', hidden: true, access: systemWritten },
    {
      name: 'owner',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: systemWritten,
      admin: { readOnly: true, position: 'sidebar', description: 'The endpoint’s owner.' },
    },
  ],
  timestamps: true,
}
