import type { FieldAccess, Where } from 'payload'

import { or, type Rule } from '@/access/combinators'
import { checkRole, isStaffUser } from '@/access/roles'
import { staff } from '@/access/rules'
import { idOf } from '@/lib/kit/ids'

/** The public sees active profiles; a vendor also sees their own draft; staff see all. */
export const canReadVendor: Rule = or(staff, ({ req: { user } }) => {
  const active: Where = { status: { equals: 'active' } }
  if (user && checkRole(['vendor'], user)) return { or: [active, { owner: { equals: user.id } }] }
  return active
})

/**
 * The owner is shown to the owner and staff. Without a document (Payload checking a query's
 * fields) vendors may filter on it, which is how their own profile is found.
 */
export const ownerReadable: FieldAccess = ({ req: { user }, doc }) => {
  if (isStaffUser(user)) return true
  if (!doc) return checkRole(['vendor'], user)
  return Boolean(user && idOf((doc as { owner?: unknown }).owner) === user.id)
}
