import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@/payload-types'

/** A new admin's or moderator's grace period for two-factor sign-in starts with the role. */
export const stampRoleChange: CollectionBeforeChangeHook<User> = ({
  data,
  operation,
  originalDoc,
}) => {
  if (operation === 'update' && data.role && originalDoc && data.role !== originalDoc.role) {
    return { ...data, roleChangedAt: new Date().toISOString() }
  }
  return data
}
