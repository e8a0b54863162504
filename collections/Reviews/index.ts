import type { Access, CollectionConfig, Field, FieldAccess, Where } from 'payload'

import { isStaffUser } from '@/access/checkRole'
import { isAdmin } from '@/access/isAdmin'
import { isFromTrust } from '@/access/isFromTrust'
import { EVENT_TYPES, RATING_DIMENSIONS, REVIEW_FLAGS, REVIEW_STATUSES } from '@/lib/constants'
import { idOf } from '@/lib/idOf'
import { MAX_REVIEW_PHOTOS, MAX_REVIEW_TEXT, MIN_REVIEW_TEXT } from '@/lib/trust/rules'

import { partiesOrStaffField, rowsNaming, staffOnlyField, wholeNumber } from '../fields/marketplace'
import { slugs } from '../slugs'
import { reviewEndpoints } from './endpoints'

/**
 * Published reviews are public. The author also sees theirs while pending or refused, and the
 * vendor reviewed sees what is waiting about them, so they can report it within the 48 hours.
 */
const canReadReview: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  const published: Where = { status: { equals: 'published' } }
  if (!user) return published
  return {
    or: [published, { organizer: { equals: user.id } }, { vendorOwner: { equals: user.id } }],
  }
}

/** Why a review was held or refused: its author and staff. */
const authorOrStaff: FieldAccess = ({ req: { user }, doc }) =>
  isStaffUser(user) ||
  Boolean(user && (!doc || idOf((doc as { organizer?: unknown }).organizer) === user.id))

/** The review's two sides, on every path: reads, filters and sorts. */
const partiesOnly = {
  access: { read: partiesOrStaffField },
  custom: { readableRows: rowsNaming('organizer', 'vendorOwner') },
}

const authorOnly = {
  access: { read: authorOrStaff },
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
    hidden: ({ user }) => !isStaffUser(user as never),
    description: 'Publish, reject and hide from Moderation; reviews are never edited here.',
  },
  access: {
    read: canReadReview,
    create: isFromTrust,
    update: isFromTrust,
    delete: isAdmin,
  },
  endpoints: reviewEndpoints,
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
      access: { read: staffOnlyField },
      admin: { position: 'sidebar', description: 'Reports no moderator has dealt with yet.' },
    },
    {
      name: 'reports',
      type: 'array',
      access: { read: staffOnlyField },
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
      access: { read: staffOnlyField },
      admin: { position: 'sidebar' },
    },
  ],
  timestamps: true,
}
