import type { Payload, PayloadRequest } from 'payload'

import type { Subscription, User, Vendor } from '@/payload-types'

import { billingSlugs } from '../collections/slugs'
import { billingConfig } from './runtime'
import { LIVE_STATUSES } from './vendorOf'

export type VendorBillingState = { vendor: Vendor; live: Subscription | null } | null

/**
 * A vendor's profile and the subscription that still bills, read with their own access; null
 * for anyone who is not a vendor with a profile.
 */
export const vendorBillingState = async (
  payload: Payload,
  user: User | null,
  req?: PayloadRequest,
): Promise<VendorBillingState> => {
  const { access, ownVendor } = billingConfig(payload)
  if (!user || !access.isVendor(user)) return null
  const vendor = await ownVendor(payload, user, req)
  if (!vendor) return null
  const { docs } = await payload.find({
    collection: billingSlugs.subscriptions,
    where: { and: [{ vendor: { equals: vendor.id } }, { status: { in: LIVE_STATUSES } }] },
    sort: '-createdAt',
    limit: 1,
    pagination: false,
    depth: 0,
    user,
    overrideAccess: false,
    req,
  })
  return { vendor, live: docs[0] ?? null }
}
