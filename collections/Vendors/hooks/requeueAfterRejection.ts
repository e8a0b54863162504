import type { CollectionBeforeChangeHook } from 'payload'

import { isStaffUser } from '@/access/roles'
import type { Vendor } from '@/payload-types'

/**
 * A profile a moderator rejected goes back into the "new vendor profiles" queue as soon as its
 * vendor changes it: fixing what the email asked for is asking to be looked at again.
 */
export const requeueAfterRejection: CollectionBeforeChangeHook<Vendor> = ({
  data,
  originalDoc,
  operation,
  req,
}) => {
  if (operation === 'update' && originalDoc?.profileReview === 'rejected' && !isStaffUser(req.user))
    return { ...data, profileReview: 'new' }
  return data
}
