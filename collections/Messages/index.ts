import type { CollectionConfig } from 'payload'

import { checkRole } from '@/access/roles'
import { admins, fixedAfterCreate } from '@/access/rules'
import { writtenBy } from '@/access/writers'
import { MAX_MESSAGE_LENGTH } from '@/lib/messaging/rules'
import { auditStaffReads } from '@/lib/trust/auditReads'
import { moderateMessageEndpoint } from '@/lib/trust/endpoints'

import { rowsNaming } from '../fields/marketplace'
import { slugs } from '../slugs'
import { canReadMessage } from './access'
import { messageEndpoints } from './endpoints'
import { maskContactsForRecipient } from './hooks/maskContactsForRecipient'
import { announceWebhookEvents } from '@/lib/webhooks/emit'

/**
 * Messages in a thread. Stored as written; contact details are masked when read by the
 * recipient before the two have a booking (see `maskContactsForRecipient`). Deleted messages keep their place.
 */
export const Messages: CollectionConfig<'messages'> = {
  slug: slugs.messages,
  admin: {
    useAsTitle: 'body',
    defaultColumns: ['body', 'sender', 'thread', 'flagged', 'createdAt'],
    group: 'Messages',
    description: 'Moderators see the messages flagged for contact details.',
    hidden: ({ user }) => !checkRole(['admin', 'moderator'], user),
  },
  // The masking hook needs these whatever a reader selects.
  forceSelect: { flagged: true, sender: true, organizer: true, vendorOwner: true },
  access: {
    read: canReadMessage,
    create: writtenBy('messaging'),
    update: writtenBy('messaging'),
    delete: admins,
  },
  endpoints: [moderateMessageEndpoint, ...messageEndpoints],
  indexes: [
    { fields: ['sender', 'createdAt'] },
    // One message per sender and `Idempotency-Key`: a send retried after a lost answer.
    { fields: ['sender', 'clientKey'], unique: true },
  ],
  hooks: {
    afterRead: [maskContactsForRecipient],
    afterChange: [announceWebhookEvents],
    afterOperation: [auditStaffReads('messages')],
  },
  fields: [
    {
      name: 'thread',
      type: 'relationship',
      relationTo: slugs.threads,
      required: true,
      index: true,
      access: fixedAfterCreate,
    },
    {
      name: 'sender',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: fixedAfterCreate,
    },
    {
      name: 'body',
      type: 'textarea',
      maxLength: MAX_MESSAGE_LENGTH,
      // Filters run on the stored text, before masking: only on one's own messages (and staff's).
      custom: { readableRows: rowsNaming('sender') },
    },
    {
      name: 'attachments',
      type: 'relationship',
      relationTo: slugs.messageAttachments,
      hasMany: true,
      maxRows: 5,
      access: fixedAfterCreate,
    },
    {
      name: 'flagged',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      admin: { description: 'Contains a phone number or email address.' },
    },
    {
      name: 'masked',
      type: 'checkbox',
      virtual: true,
      admin: { hidden: true },
      // Set on read when contact details were hidden from the recipient.
    },
    {
      name: 'moderation',
      type: 'select',
      options: [
        { label: 'Looked at: fine', value: 'cleared' },
        { label: 'Removed by a moderator', value: 'removed' },
      ],
      index: true,
      admin: { position: 'sidebar', description: 'Set from the Moderation queue.' },
    },
    {
      name: 'clientKey',
      type: 'text',
      maxLength: 100,
      access: fixedAfterCreate,
      admin: { hidden: true },
      // The sender's `Idempotency-Key` for this message, when their app sent one.
    },
    { name: 'readAt', type: 'date' },
    { name: 'editedAt', type: 'date' },
    { name: 'deletedAt', type: 'date' },
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: fixedAfterCreate,
    },
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: fixedAfterCreate,
    },
  ],
  timestamps: true,
}
