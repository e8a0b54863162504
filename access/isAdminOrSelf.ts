import type { Access } from 'payload'

import { checkRole } from './checkRole'

/** Admins: every account. Anyone else, moderators included: their own. */
export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (checkRole(['admin'], user)) return true
  return { id: { equals: user.id } }
}
