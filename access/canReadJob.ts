import type { Access } from 'payload'

import { checkRole, isStaffUser } from './checkRole'
import { jobsPostedBy } from './jobsPostedBy'

/**
 * Staff: every job. Organizers: their own. Vendors: every job past draft — open ones to quote
 * on, closed and filled ones because they may have quoted. Everyone else: none.
 */
export const canReadJob: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  if (user && checkRole(['organizer'], user)) return jobsPostedBy(user.id)
  if (user && checkRole(['vendor'], user)) {
    return { status: { in: ['published', 'closed', 'filled'] } }
  }
  return false
}
