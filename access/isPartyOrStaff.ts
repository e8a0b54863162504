import type { Access, Where } from 'payload'

import { checkRole, isStaffUser } from './checkRole'

/**
 * Quotes and bookings: staff see all; an organizer those on their own jobs; a vendor the ones
 * they are on. A filter, not a fetch, so a guessed id through REST, GraphQL or the admin is
 * simply not found.
 */
export const isPartyOrStaff: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  if (!user) return false
  const side = checkRole(['organizer'], user)
    ? 'organizer'
    : checkRole(['vendor'], user)
      ? 'vendorOwner'
      : null
  if (!side) return false
  const theirs: Where = { [side]: { equals: user.id } }
  return theirs
}
