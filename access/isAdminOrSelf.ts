import type { Access } from 'payload'

import { isStaffUser } from './checkRole'

export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isStaffUser(user)) return true
  return { id: { equals: user.id } }
}
