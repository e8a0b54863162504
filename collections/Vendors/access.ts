import type { Access, Condition, FieldAccess, Where } from 'payload'

import { or, type Rule } from '@/access/combinators'
import { checkRole, isStaffUser } from '@/access/roles'
import { staff } from '@/access/rules'
import { idOf } from '@/lib/kit/ids'

import { slugs } from '../slugs'

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

/**
 * Staff create profiles for anyone; a vendor creates their one profile. Asked without data (the
 * admin working out which buttons to show), a vendor who has a profile is told no, so there is
 * no "Create new"; a real create goes on to `assignVendorOwner`, whose 409 says why.
 */
export const staffOrVendorsWithoutProfile: Access = async ({ req, data }) => {
  const { user } = req
  if (isStaffUser(user)) return true
  if (!user || !checkRole(['vendor'], user)) return false
  if (data) return true
  // System count: whether any profile names this owner, drafts included, whatever its status.
  const { totalDocs } = await req.payload.count({
    collection: slugs.vendors,
    where: { owner: { equals: user.id } },
    overrideAccess: true,
    req,
  })
  return totalDocs === 0
}

/** Fields the system writes (owner, ranking, response figures): shown to staff only. */
export const shownToStaff: Condition = (_data, _siblingData, { user }) => isStaffUser(user)

/**
 * Secrets of the vendor's own (their subscribed calendars' addresses, which read their private
 * calendars): the owner alone reads them, on the document; nobody may filter on them.
 */
export const ownerOnlyReadable: FieldAccess = ({ req: { user }, doc }) =>
  Boolean(doc && user && idOf((doc as { owner?: unknown }).owner) === user.id)
