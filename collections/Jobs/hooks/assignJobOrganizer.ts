import type { CollectionBeforeChangeHook } from 'payload'

import { isStaffUser } from '@/access/roles'
import type { Job } from '@/payload-types'

/** A new job belongs to the organizer who posts it; only staff may post for someone else. */
export const assignJobOrganizer: CollectionBeforeChangeHook<Job> = ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const chosen = isStaffUser(req.user) && data.organizer ? data.organizer : req.user?.id
  return {
    ...data,
    organizer: chosen,
    status: 'draft',
    history: [{ from: null, to: 'draft', by: req.user?.id, at: new Date().toISOString() }],
  }
}
