import type { Access } from 'payload'

import { isStaffUser } from './checkRole'

export const isMediaOwner: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isStaffUser(user)) return true
  return { owner: { equals: user.id } }
}
