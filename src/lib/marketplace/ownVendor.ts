import type { Payload, PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import type { User, Vendor } from '@/payload-types'

/** The vendor profile `user` owns, read with their own access, or null if they have none. */
export const ownVendor = async (
  payload: Payload,
  user: User,
  req?: PayloadRequest,
): Promise<Vendor | null> => {
  const { docs } = await payload.find({
    collection: slugs.vendors,
    where: { owner: { equals: user.id } },
    limit: 1,
    pagination: false,
    depth: 0,
    user,
    overrideAccess: false,
    req,
  })
  return docs[0] ?? null
}
