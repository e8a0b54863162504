import type { Where } from 'payload'

import { or, type Rule } from '@/access/combinators'
import { ownedBy, staff } from '@/access/rules'

const onPublishedReviews: Rule = () => {
  const rows: Where = { 'review.status': { equals: 'published' } }
  return rows
}

/** A response is as public as its review; its vendor and staff always see it. */
export const canReadResponse: Rule = or(staff, onPublishedReviews, ownedBy('vendorOwner'))
