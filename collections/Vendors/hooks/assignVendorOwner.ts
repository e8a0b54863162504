import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { checkRole } from '@/access/roles'
import type { Vendor } from '@/payload-types'

import { slugs } from '../../slugs'

/**
 * A vendor user owns exactly one profile: the one they create is theirs, whatever the request
 * said, and a second is refused. Staff may create profiles for any vendor user.
 */
export const assignVendorOwner: CollectionBeforeChangeHook<Vendor> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create' || !req.user || !checkRole(['vendor'], req.user)) return data
  const existing = await req.payload.count({
    collection: slugs.vendors,
    where: { owner: { equals: req.user.id } },
    req,
    // System check: a vendor must not create a second profile even one they cannot read.
    overrideAccess: true,
  })
  if (existing.totalDocs > 0) {
    throw new APIError(
      'You already have a vendor profile; edit that one instead.',
      409,
      undefined,
      true,
    )
  }
  return { ...data, owner: req.user.id }
}
