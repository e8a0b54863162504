import type { CollectionConfig } from 'payload'

import { checkRole } from '@/access/roles'
import { admins, fixedAfterCreate } from '@/access/rules'
import { writtenBy } from '@/access/writers'

import { staffRows } from '../fields/marketplace'
import { slugs } from '../slugs'
import { conversationParties } from './access'
import { maskPreviewForReader } from './hooks/maskPreviewForReader'

/**
 * One conversation per organizer and vendor, optionally started from a job. Unread counts and
 * the last message are kept here so an inbox is one query.
 */
export const Threads: CollectionConfig<'threads'> = {
  slug: slugs.threads,
  admin: {
    useAsTitle: 'lastMessagePreview',
    defaultColumns: ['organizer', 'vendor', 'lastMessageAt', 'job'],
    group: 'Messages',
    hidden: ({ user }) => !checkRole(['admin'], user),
  },
  access: {
    read: conversationParties,
    create: writtenBy('messaging'),
    update: writtenBy('messaging'),
    delete: admins,
  },
  // The masking hook needs the pair whatever a reader selects.
  forceSelect: { organizer: true, vendorOwner: true },
  hooks: { afterRead: [maskPreviewForReader] },
  indexes: [{ fields: ['organizer', 'vendor'], unique: true }],
  fields: [
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
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
    {
      name: 'organizerName',
      type: 'text',
      maxLength: 120,
      access: fixedAfterCreate,
      admin: { description: 'How the vendor sees the organizer: first name and initial.' },
    },
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      access: fixedAfterCreate,
    },
    {
      name: 'job',
      type: 'relationship',
      relationTo: slugs.jobs,
      admin: { description: 'The job the conversation started from.' },
    },
    { name: 'lastMessageAt', type: 'date', index: true },
    {
      name: 'lastMessagePreview',
      type: 'text',
      maxLength: 140,
      // Stored as written and masked on read, so filtering on it is for staff only.
      custom: { readableRows: staffRows },
    },
    { name: 'organizerUnread', type: 'number', defaultValue: 0, min: 0 },
    { name: 'vendorUnread', type: 'number', defaultValue: 0, min: 0 },
    {
      name: 'reminderSentAt',
      type: 'date',
      admin: {
        hidden: true,
        description: 'Last unread-message email, at most one an hour per thread.',
      },
    },
  ],
  timestamps: true,
}
