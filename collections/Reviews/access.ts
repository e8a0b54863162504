import type { Where } from 'payload'

import { or, type Rule } from '@/access/combinators'
import { ownedBy, staff } from '@/access/rules'

const published: Rule = () => {
  const rows: Where = { status: { equals: 'published' } }
  return rows
}

/**
 * Published reviews are public. The author also sees theirs while pending or refused, and the
 * vendor reviewed sees what is waiting about them, so they can report it within the 48 hours.
 */
export const canReadReview: Rule = or(
  staff,
  published,
  ownedBy('organizer'),
  ownedBy('vendorOwner'),
)
