import type { Access, Where } from 'payload'

import { checkRole, isStaffUser } from './checkRole'

/** The public sees active profiles; a vendor also sees their own draft; staff see all. */
export const isActiveVendorOrOwner: Access = ({ req: { user } }) => {
  if (isStaffUser(user)) return true
  if (user && checkRole(['vendor'], user)) {
    const visible: Where = {
      or: [{ status: { equals: 'active' } }, { owner: { equals: user.id } }],
    }
    return visible
  }
  return { status: { equals: 'active' } }
}
