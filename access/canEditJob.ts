import type { Access } from 'payload'

import { isStaffUser } from './checkRole'
import { jobsPostedBy } from './jobsPostedBy'

/** Staff, or its organizer until it is closed or booked: from then on a job is a record. */
export const canEditJob: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  if (!user) return false
  return { and: [jobsPostedBy(user.id), { status: { in: ['draft', 'published'] } }] }
}
