import type { Access } from 'payload'

import { isStaffUser } from './checkRole'

/** Staff: every account (moderation needs to see who did what). Anyone else: their own. */
export const isStaffOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isStaffUser(user)) return true
  return { id: { equals: user.id } }
}
