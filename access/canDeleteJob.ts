import type { Access } from 'payload'

import { checkRole } from './checkRole'
import { jobsPostedBy } from './jobsPostedBy'

/** Admins, or its organizer while it is a draft; a job vendors have seen is closed, not deleted. */
export const canDeleteJob: Access = ({ req: { user } }) => {
  if (checkRole(['admin'], user)) return true
  if (!user) return false
  return { and: [jobsPostedBy(user.id), { status: { equals: 'draft' } }] }
}
