import type { Access } from 'payload'

import { checkRole, isStaffUser } from './checkRole'

/** Staff: every vendor profile. A vendor: only the profile they own. Anyone else: none. */
export const isVendorOwner: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  if (user && checkRole(['vendor'], user)) return { owner: { equals: user.id } }
  return false
}
