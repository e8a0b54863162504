import type { Access, CollectionConfig } from 'payload'

import { isStaffUser } from '@/access/checkRole'
import { isAdmin } from '@/access/isAdmin'
import { isFromTrust } from '@/access/isFromTrust'
import { MAX_RESPONSE_TEXT } from '@/lib/trust/rules'

import { personField } from '../fields/marketplace'
import { slugs } from '../slugs'
import { reviewResponseEndpoints } from './endpoints'

/** A response is as public as its review; its vendor and staff always see it. */
const canReadResponse: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  const onPublished = { 'review.status': { equals: 'published' } }
  if (!user) return onPublished
  return { or: [onPublished, { vendorOwner: { equals: user.id } }] }
}

/** The vendor's one public reply to a review, editable for 30 days. Written through the review endpoints. */
export const ReviewResponses: CollectionConfig<'review-responses'> = {
  slug: slugs.reviewResponses,
  admin: {
    useAsTitle: 'text',
    defaultColumns: ['review', 'vendor', 'text', 'createdAt'],
    group: 'Trust & safety',
    hidden: ({ user }) => !isStaffUser(user as never),
  },
  access: {
    read: canReadResponse,
    create: isFromTrust,
    update: isFromTrust,
    delete: isAdmin,
  },
  endpoints: reviewResponseEndpoints,
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
