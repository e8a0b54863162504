import type { CollectionConfig } from 'payload'

import { checkRole } from '@/access/roles'
import {
  adminField,
  admins,
  signedInField,
  staffField,
  staffOrVendorOwning,
  staffWrites,
} from '@/access/rules'
import {
  PRICE_RANGES,
  PROFILE_REVIEW_STATUSES,
  VENDOR_STATUSES,
  VERIFICATION_STATUSES,
} from '@/lib/constants'
import { writtenByField } from '@/access/writers'
import { MAX_EXTERNAL_CALENDARS } from '@/lib/calendar/limits'
import { refreshAfterVendorChange, refreshAfterVendorDelete } from '@/lib/cache/publicPages'
import { tierOptions } from '@/plugins/billing'

import { rowsNaming } from '../fields/marketplace'
import { coordinatesRow, regionOptions, townAndRegionRow } from '../fields/place'
import { slugs } from '../slugs'
import { vendorEndpoints } from './endpoints'
import {
  canReadVendor,
  ownerOnlyReadable,
  ownerReadable,
  staffOrVendorsWithoutProfile,
  shownToStaff,
} from './access'
import { assignVendorOwner } from './hooks/assignVendorOwner'
import { enforcePortfolioLimit } from './hooks/enforcePortfolioLimit'
import { generateVendorSlug } from './hooks/generateVendorSlug'
import { requeueAfterRejection } from './hooks/requeueAfterRejection'
import { announceWebhookEvents } from '@/lib/webhooks/emit'

const url = (value: unknown): true | string =>
  value == null || value === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(String(value))
    ? true
    : 'Enter a full web address starting with https://'

export const Vendors: CollectionConfig<'vendors'> = {
  slug: slugs.vendors,
  // The admin's analytics count each week's new vendors, published and verified, from it alone.
  indexes: [{ fields: ['createdAt', 'status', 'verificationStatus'] }],
  admin: {
    useAsTitle: 'businessName',
    defaultColumns: ['businessName', 'status', 'tier', 'verificationStatus', 'updatedAt'],
    group: 'Marketplace',
    // In the restricted vendor admin the list holds their own profile only.
    baseListFilter: ({ req: { user } }) =>
      user && checkRole(['vendor'], user) ? { owner: { equals: user.id } } : null,
    preview: (doc) => (doc?.slug ? `/vendors/${String(doc.slug)}` : null),
    hideAPIURL: true,
  },
  access: {
    read: canReadVendor,
    create: staffOrVendorsWithoutProfile,
    update: staffOrVendorOwning('owner'),
    delete: admins,
  },
  endpoints: vendorEndpoints,
  hooks: {
    beforeValidate: [generateVendorSlug],
    beforeChange: [assignVendorOwner, requeueAfterRejection, enforcePortfolioLimit],
    afterChange: [refreshAfterVendorChange, announceWebhookEvents],
    afterDelete: [refreshAfterVendorDelete],
  },
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Profile',
          fields: [
            { name: 'businessName', type: 'text', required: true, maxLength: 120 },
            {
              name: 'slug',
              type: 'text',
              unique: true,
              index: true,
              maxLength: 90,
              admin: { position: 'sidebar', description: 'The address of your public page.' },
              validate: (value: unknown) =>
                value == null || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(String(value))
                  ? true
                  : 'Use lower-case letters, digits and hyphens.',
            },
            {
              name: 'tagline',
              type: 'text',
              maxLength: 160,
              admin: { description: 'One line shown on search results.' },
            },
            { name: 'description', type: 'richText' },
            {
              name: 'categories',
              type: 'relationship',
              relationTo: slugs.categories,
              hasMany: true,
              required: true,
              minRows: 1,
              maxRows: 8,
            },
            {
              name: 'priceRange',
              type: 'select',
              required: true,
              defaultValue: 'moderate',
              options: PRICE_RANGES.map(({ label, symbol, value }) => ({
                label: `${symbol} ${label}`,
                value,
              })),
            },
          ],
        },
        {
          label: 'Location',
          fields: [
            {
              name: 'location',
              type: 'group',
              fields: [
                { name: 'address', type: 'text', maxLength: 200 },
                townAndRegionRow,
                coordinatesRow,
              ],
            },
            {
              name: 'serviceRegions',
              type: 'select',
              hasMany: true,
              options: regionOptions,
              admin: { description: 'Regions you travel to for events.' },
            },
          ],
        },
        {
          label: 'Contact',
          fields: [
            {
              name: 'contact',
              type: 'group',
              // Contact details keep enquiries on the platform: shown to signed-in people only.
              access: { read: signedInField },
              fields: [
                { name: 'email', type: 'email' },
                {
                  name: 'phone',
                  type: 'text',
                  maxLength: 20,
                  validate: (value: unknown) =>
                    value == null || value === '' || /^\+?[0-9 ()-]{7,20}$/.test(String(value))
                      ? true
                      : 'Enter a phone number like 09 123 4567.',
                },
              ],
            },
            { name: 'website', type: 'text', maxLength: 300, validate: url },
            {
              name: 'socials',
              type: 'group',
              fields: [
                { name: 'instagram', type: 'text', maxLength: 300, validate: url },
                { name: 'facebook', type: 'text', maxLength: 300, validate: url },
                { name: 'tiktok', type: 'text', maxLength: 300, validate: url },
              ],
            },
          ],
        },
        {
          label: 'Portfolio',
          fields: [
            {
              name: 'portfolio',
              type: 'upload',
              relationTo: slugs.media,
              hasMany: true,
              maxRows: 60,
              admin: {
                description:
                  'Essential shows 5 images, Showcase 20 and Spotlight 60. See Billing to change plan.',
              },
              // A vendor can only show their own uploads; Payload checks this on save too.
              filterOptions: ({ user }) =>
                user && checkRole(['vendor'], user) ? { owner: { equals: user.id } } : true,
            },
            {
              name: 'unavailableDates',
              type: 'array',
              labels: { singular: 'Unavailable period', plural: 'Unavailable dates' },
              fields: [
                {
                  type: 'row',
                  fields: [
                    { name: 'from', type: 'date', required: true },
                    { name: 'to', type: 'date', required: true },
                  ],
                },
                { name: 'note', type: 'text', maxLength: 200 },
              ],
              validate: (rows: unknown) => {
                const invalid = (Array.isArray(rows) ? rows : []).some(
                  (row: { from?: string; to?: string }) =>
                    row.from && row.to && new Date(row.to) < new Date(row.from),
                )
                return invalid ? 'Each period must end on or after the day it starts.' : true
              },
            },
            {
              name: 'externalCalendars',
              type: 'array',
              maxRows: MAX_EXTERNAL_CALENDARS,
              labels: { singular: 'Subscribed calendar', plural: 'Subscribed calendars' },
              admin: {
                readOnly: true,
                description:
                  'Calendars whose busy events block days here, read every 30 minutes. Add or remove them on the Calendar page of the site.',
              },
              // Written by src/lib/calendar only (the address is checked and fetched there).
              access: {
                read: ownerOnlyReadable,
                create: writtenByField('calendar'),
                update: writtenByField('calendar'),
              },
              fields: [
                { name: 'url', type: 'text', required: true, maxLength: 500 },
                { name: 'label', type: 'text', maxLength: 60 },
                { name: 'lastFetchedAt', type: 'date' },
                { name: 'lastGoodAt', type: 'date' },
                { name: 'lastError', type: 'text', maxLength: 300 },
                // The busy days of the last good copy: [{ from, to }] New Zealand days.
                { name: 'busy', type: 'json' },
              ],
            },
            {
              // SHA-256 of the private feed's token: the address is shown once, when made.
              name: 'calendarFeedTokenHash',
              type: 'text',
              index: true,
              hidden: true,
              access: {
                read: () => false,
                create: writtenByField('calendar'),
                update: writtenByField('calendar'),
              },
            },
          ],
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      index: true,
      options: VENDOR_STATUSES.map(({ label, value }) => ({ label, value })),
      admin: { position: 'sidebar', description: 'Active profiles are listed on the site.' },
    },
    {
      name: 'owner',
      type: 'relationship',
      relationTo: slugs.users,
      unique: true,
      index: true,
      access: { read: ownerReadable, ...staffWrites },
      custom: { readableRows: rowsNaming('owner') },
      filterOptions: { role: { equals: 'vendor' } },
      admin: { position: 'sidebar', condition: shownToStaff },
    },
    {
      name: 'tier',
      type: 'select',
      required: true,
      defaultValue: 'essential',
      index: true,
      // Money: only admins set a tier by hand (audited); Stripe's webhook sets paid ones.
      access: { create: adminField, update: adminField },
      options: tierOptions,
      admin: {
        position: 'sidebar',
        description: 'Follows the vendor’s Stripe plan. Set by hand only for vendors without one.',
      },
    },
    {
      name: 'verificationStatus',
      type: 'select',
      required: true,
      // Counted by the admin's analytics (src/lib/analytics/platform.ts).
      index: true,
      defaultValue: 'unverified',
      access: staffWrites,
      options: VERIFICATION_STATUSES.map(({ label, value }) => ({ label, value })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'rating',
      type: 'group',
      access: staffWrites,
      admin: { position: 'sidebar', readOnly: true, condition: shownToStaff },
      // Recomputed from published reviews whenever one is published, edited, hidden or deleted.
      fields: [
        { name: 'average', type: 'number', min: 0, max: 5, defaultValue: 0 },
        { name: 'count', type: 'number', min: 0, defaultValue: 0 },
        {
          name: 'score',
          type: 'number',
          min: 0,
          max: 5,
          admin: { description: 'Bayesian average used for ranking.' },
        },
        { name: 'quality', type: 'number', min: 0, max: 5 },
        { name: 'communication', type: 'number', min: 0, max: 5 },
        { name: 'value', type: 'number', min: 0, max: 5 },
        { name: 'professionalism', type: 'number', min: 0, max: 5 },
      ],
    },
    {
      name: 'favourite',
      label: 'Event Pros Favourite',
      type: 'checkbox',
      defaultValue: false,
      access: staffWrites,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Earned: recomputed daily from reviews and response times.',
      },
    },
    {
      name: 'profileReview',
      type: 'select',
      defaultValue: 'new',
      index: true,
      access: { read: staffField, ...staffWrites },
      options: PROFILE_REVIEW_STATUSES.map(({ label, value }) => ({ label, value })),
      admin: { position: 'sidebar', description: 'Set from the Moderation queue.' },
    },
    {
      name: 'responseStats',
      type: 'group',
      access: staffWrites,
      admin: { position: 'sidebar', readOnly: true, condition: shownToStaff },
      fields: [
        { name: 'responseRate', type: 'number', min: 0, max: 100 },
        { name: 'medianResponseHours', type: 'number', min: 0 },
        {
          name: 'conversations',
          type: 'number',
          min: 0,
          admin: {
            description: 'First messages and job invitations counted in the last 12 months.',
          },
        },
      ],
    },
    {
      name: 'internalNotes',
      type: 'textarea',
      maxLength: 5000,
      access: { read: staffField, ...staffWrites },
      admin: { position: 'sidebar', description: 'Only staff see these notes.' },
    },
  ],
  timestamps: true,
}
