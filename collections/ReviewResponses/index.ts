import type { CollectionConfig } from 'payload'

import { isStaffUser } from '@/access/roles'
import { admins } from '@/access/rules'
import { writtenBy } from '@/access/writers'
import { MAX_RESPONSE_TEXT } from '@/lib/trust/rules'
import { refreshAfterReviewChange, refreshAfterReviewDelete } from '@/lib/cache/publicPages'

import { personField } from '../fields/marketplace'
import { slugs } from '../slugs'
import { canReadResponse } from './access'
import { reviewResponseEndpoints } from './endpoints'

/** The vendor's one public reply to a review, editable for 30 days. Written through the review endpoints. */
export const ReviewResponses: CollectionConfig<'review-responses'> = {
  slug: slugs.reviewResponses,
  admin: {
    useAsTitle: 'text',
    defaultColumns: ['review', 'vendor', 'text', 'createdAt'],
    group: 'Trust & safety',
    hidden: ({ user }) => !isStaffUser(user),
  },
  access: {
    read: canReadResponse,
    create: writtenBy('trust'),
    update: writtenBy('trust'),
    delete: admins,
  },
  endpoints: reviewResponseEndpoints,
  // The vendor's public page shows published reviews, their replies and the rating.
  hooks: { afterChange: [refreshAfterReviewChange], afterDelete: [refreshAfterReviewDelete] },
  fields: [
    {
      name: 'review',
      type: 'relationship',
      relationTo: slugs.reviews,
      required: true,
      unique: true,
    },
    {
      name: 'vendor',
      type: 'relationship',
      relationTo: slugs.vendors,
      required: true,
      index: true,
    },
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      required: true,
      index: true,
      ...personField('vendorOwner'),
    },
    {
      name: 'text',
      type: 'textarea',
      required: true,
      minLength: 2,
      maxLength: MAX_RESPONSE_TEXT,
      admin: { description: 'Plain text, shown escaped.' },
    },
    { name: 'editedAt', type: 'date' },
  ],
  timestamps: true,
}
