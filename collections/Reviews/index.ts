import type { CollectionConfig, Field } from 'payload'

import { isStaffUser } from '@/access/roles'
import { admins, namedOrStaff, staffField } from '@/access/rules'
import { writtenBy } from '@/access/writers'
import { EVENT_TYPES, RATING_DIMENSIONS, REVIEW_FLAGS, REVIEW_STATUSES } from '@/lib/constants'
import { MAX_REVIEW_PHOTOS, MAX_REVIEW_TEXT, MIN_REVIEW_TEXT } from '@/lib/trust/rules'
import { refreshAfterReviewChange, refreshAfterReviewDelete } from '@/lib/cache/publicPages'

import { partiesOrStaffField, rowsNaming, wholeNumber } from '../fields/marketplace'
import { slugs } from '../slugs'
import { canReadReview } from './access'
import { reviewEndpoints } from './endpoints'
import { announceWebhookEvents } from '@/lib/webhooks/emit'

/** The review's two sides, on every path: reads, filters and sorts. */
const partiesOnly = {
  access: { read: partiesOrStaffField },
  custom: { readableRows: rowsNaming('organizer', 'vendorOwner') },
}

const authorOnly = {
  // Why a review was held or refused: its author and staff.
  access: { read: namedOrStaff('organizer') },
  custom: { readableRows: rowsNaming('organizer') },
}

const ratingField = ({ value, label }: { value: string; label: string }): Field => ({
  name: value,
  label,
  type: 'number',
  required: true,
  min: 1,
  max: 5,
  validate: wholeNumber(label, 1, 5),
})

/**
 * An organizer's review of a vendor they booked, once per booking and after the event. Written
 * through the review endpoints only; held as `pending` until a moderator publishes it or it is
 * published automatically after 48 hours with nothing flagged and no reports.
 */
export const Reviews: CollectionConfig<'reviews'> = {
  slug: slugs.reviews,
  admin: {
    useAsTitle: 'text',
    defaultColumns: ['vendor', 'authorName', 'status', 'flags', 'openReports', 'createdAt'],
    group: 'Trust & safety',
    hidden: ({ user }) => !isStaffUser(user),
    description: 'Publish, reject and hide from Moderation; reviews are never edited here.',
  },
  access: {
    read: canReadReview,
    create: writtenBy('trust'),
    update: writtenBy('trust'),
    delete: admins,
  },
  endpoints: reviewEndpoints,
  // The vendor's public page shows published reviews, their replies and the rating.
  hooks: {
    afterChange: [refreshAfterReviewChange, announceWebhookEvents],
    afterDelete: [refreshAfterReviewDelete],
  },
  fields: [
    {
      name: 'booking',
      type: 'relationship',
      relationTo: slugs.bookings,
      required: true,
      unique: true,
      ...partiesOnly,
    },
    {
      name: 'vendor',
      type: 'relationship',
      relationTo: slugs.vendors,
      required: true,
      index: true,
    },
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      ...partiesOnly,
    },
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      ...partiesOnly,
    },
    {
      name: 'authorName',
      type: 'text',
      maxLength: 120,
      admin: { description: 'First name and initial, as shown on the site.' },
    },
    {
      name: 'eventType',
      type: 'select',
      options: EVENT_TYPES.map(({ label, value }) => ({ label, value })),
    },
    { name: 'eventDate', type: 'date' },
    {
      name: 'ratings',
      type: 'group',
      fields: [{ type: 'row', fields: RATING_DIMENSIONS.map(ratingField) }],
    },
    {
      name: 'text',
      type: 'textarea',
      required: true,
      minLength: MIN_REVIEW_TEXT,
      maxLength: MAX_REVIEW_TEXT,
      admin: { description: 'Plain text, shown escaped.' },
    },
    {
      name: 'photos',
      type: 'upload',
      relationTo: slugs.media,
      hasMany: true,
      maxRows: MAX_REVIEW_PHOTOS,
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'pending',
      options: REVIEW_STATUSES.map(({ label, value }) => ({ label, value })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'flags',
      type: 'select',
      hasMany: true,
      options: REVIEW_FLAGS.map(({ label, value }) => ({ label, value })),
      ...authorOnly,
      admin: { position: 'sidebar', description: 'What the automatic checks found.' },
    },
    {
      name: 'openReports',
      type: 'number',
      defaultValue: 0,
      index: true,
      access: { read: staffField },
      admin: { position: 'sidebar', description: 'Reports no moderator has dealt with yet.' },
    },
    {
      name: 'reports',
      type: 'array',
      access: { read: staffField },
      admin: { readOnly: true, initCollapsed: true },
      fields: [
        { name: 'by', type: 'relationship', relationTo: slugs.users, required: true },
        { name: 'reason', type: 'text', required: true, maxLength: 500 },
        { name: 'at', type: 'date', required: true },
        { name: 'resolved', type: 'checkbox', defaultValue: false },
      ],
    },
    {
      name: 'autoPublishAt',
      type: 'date',
      index: true,
      ...authorOnly,
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'publishedAt', type: 'date', admin: { position: 'sidebar' } },
    { name: 'editedAt', type: 'date', admin: { position: 'sidebar' } },
    {
      name: 'moderationNote',
      type: 'text',
      maxLength: 1000,
      ...authorOnly,
      admin: { position: 'sidebar', description: 'The reason given to the author.' },
    },
    {
      name: 'moderatedBy',
      type: 'relationship',
      relationTo: slugs.users,
      access: { read: staffField },
      admin: { position: 'sidebar' },
    },
  ],
  timestamps: true,
}
